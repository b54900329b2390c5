#!/bin/sh
# Links the Java runtime the services need into $1: the Java SE modules (JDBC, JMX, JNDI, XML, HTTP client, ...)
# plus what Helidon, Netty-free clients and logback reach for. jdk.crypto.ec exists only up to JDK 23.
set -eu
modules=java.se,jdk.unsupported,jdk.management,jdk.zipfs,jdk.crypto.cryptoki,jdk.localedata,jdk.naming.dns
if java --list-modules | grep -q '^jdk.crypto.ec@'; then modules="$modules,jdk.crypto.ec"; fi
jlink --add-modules "$modules" --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --output "$1"
"$1/bin/java" -version
