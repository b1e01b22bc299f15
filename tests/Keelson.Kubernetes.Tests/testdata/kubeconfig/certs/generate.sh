#!/usr/bin/env bash
# Regenerates the test certificates (valid for 100 years). The CA keys are thrown away:
# the tests only parse these files, they never sign anything with them.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
days=36500

ca() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/$1.key" -out "$1.crt" -days $days \
    -subj "/CN=$2" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}
client() { # name subject key-file
  openssl req -new -key "$3" -subj "/CN=$2/O=keelson-testers" -out "$tmp/$1.csr"
  openssl x509 -req -in "$tmp/$1.csr" -CA ca.crt -CAkey "$tmp/ca.key" -CAcreateserial -CAserial "$tmp/ca.srl" \
    -days $days -extfile <(printf 'extendedKeyUsage=clientAuth\n') -out "$1.crt" 2>/dev/null
}

ca ca "Keelson Test CA"
ca other-ca "Keelson Other CA"
openssl genrsa -traditional -out alice-pkcs1.key 2048 2>/dev/null      # RSA PRIVATE KEY
openssl ecparam -name prime256v1 -genkey -noout -out bob-sec1.key       # EC PRIVATE KEY
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out carol-pkcs8.key 2>/dev/null  # PRIVATE KEY (RSA)
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out dan-pkcs8.key  # PRIVATE KEY (EC)
openssl pkcs8 -topk8 -in carol-pkcs8.key -passout pass:secret -out carol-encrypted.key  # ENCRYPTED PRIVATE KEY
client alice alice alice-pkcs1.key
client bob bob bob-sec1.key
client carol carol carol-pkcs8.key
client dan dan dan-pkcs8.key
