#!/bin/sh
# Development certificates for the gateway, in $1 (default /certs, the volume the gateway mounts):
#   ca.crt                   a local CA (10 years) — trust it in your browser or OS;
#   gateway.crt / .key       the server certificate (825 days) signed by it, SANs localhost, gateway, 127.0.0.1, ::1;
# and the CA's private key ca.key in $2 (default /ca, a volume only this one-shot service mounts), so the gateway,
# which faces the network, never holds a key that could sign certificates the developer's machine trusts.
# Idempotent: existing files are kept, so the CA you trusted stays valid across `docker compose up`.
# Extra names: DEV_CERT_EXTRA_SANS="DNS:example.test,IP:10.0.0.5".
set -eu
dir=${1:-/certs}
ca_dir=${2:-/ca}
mkdir -p "$dir" "$ca_dir"
cd "$dir"
umask 077
# Older versions kept the CA key beside the certificates: move it out (the CA you trusted stays valid).
if [ -s ca.key ] && [ ! -s "$ca_dir/ca.key" ]; then
    mv ca.key "$ca_dir/ca.key"
    echo "certs-init: moved the CA key out of $dir"
fi
rm -f ca.key
ca_key=$ca_dir/ca.key
if [ ! -s "$ca_key" ] || [ ! -s ca.crt ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
        -subj "/CN=gatewaystack development CA" -keyout "$ca_key" -out ca.crt \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign"
    rm -f gateway.crt gateway.key
    echo "certs-init: new development CA in $dir/ca.crt"
fi
if [ ! -s gateway.key ] || [ ! -s gateway.crt ]; then
    sans="DNS:localhost,DNS:gateway,IP:127.0.0.1,IP:::1${DEV_CERT_EXTRA_SANS:+,$DEV_CERT_EXTRA_SANS}"
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
        -keyout gateway.key -out gateway.csr
    printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
        "$sans" > gateway.ext
    openssl x509 -req -in gateway.csr -CA ca.crt -CAkey "$ca_key" -CAcreateserial -days 825 -sha256 \
        -extfile gateway.ext -out gateway.crt
    cat ca.crt >> gateway.crt   # full chain
    rm -f gateway.csr gateway.ext ca.srl
    echo "certs-init: new gateway certificate for $sans"
fi
# nginx's master reads the key as root; the CA certificate may be read by anyone (e.g. copied out for trusting).
chmod 644 ca.crt gateway.crt
chmod 600 "$ca_key" gateway.key
[ ! -e ca.key ] || { echo "certs-init: $dir/ca.key must not exist" >&2; exit 1; }
openssl verify -CAfile ca.crt gateway.crt >/dev/null
echo "certs-init: certificates ready in $dir"
