#!/bin/sh
# Development certificates for the gateway, in $1 (default /certs):
#   ca.crt / ca.key          a local CA (10 years) — trust ca.crt in your browser or OS, never ship ca.key;
#   gateway.crt / .key       the server certificate (825 days) signed by it, SANs localhost, gateway, 127.0.0.1, ::1.
# Idempotent: existing files are kept, so the CA you trusted stays valid across `docker compose up`.
# Extra names: DEV_CERT_EXTRA_SANS="DNS:example.test,IP:10.0.0.5".
set -eu
dir=${1:-/certs}
mkdir -p "$dir"
cd "$dir"
umask 077
if [ ! -s ca.key ] || [ ! -s ca.crt ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
        -subj "/CN=gatewaystack development CA" -keyout ca.key -out ca.crt \
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
    openssl x509 -req -in gateway.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -sha256 \
        -extfile gateway.ext -out gateway.crt
    cat ca.crt >> gateway.crt   # full chain
    rm -f gateway.csr gateway.ext ca.srl
    echo "certs-init: new gateway certificate for $sans"
fi
# nginx's master reads the key as root; the CA certificate may be read by anyone (e.g. copied out for trusting).
chmod 644 ca.crt gateway.crt
chmod 600 ca.key gateway.key
openssl verify -CAfile ca.crt gateway.crt >/dev/null
echo "certs-init: certificates ready in $dir"
