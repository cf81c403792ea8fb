#!/bin/sh
# Regenerate the CSR fixtures of tests/data/csr (see README). Development
# time only: needs OpenSSL 3 (`openssl req`) and python3 with the
# `cryptography` package (for the organisation requests, whose
# uniqueIdentifier is a BIT STRING that `openssl req` cannot write). Fresh
# keys each run, so the files change; the tests only rely on what the README
# says each file is. Run from this directory: sh make-fixtures.sh
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

p256() { openssl ecparam -name prime256v1 -genkey -noout -out "$1"; }

# device: empty subject, requested keyUsage and SAN HardwareModuleName (RTDS hwType)
device_cnf() {   # $1 keyUsage, $2 SAN line or empty
	printf '[req]\ndistinguished_name=dn\nprompt=no\nreq_extensions=ext\n[dn]\n[ext]\nkeyUsage=%s\n%s\n' "$1" "$2"
	printf '[hwmn]\nhwType=OID:1.2.826.0.1.8641679.1.2.2.1\nhwSerialNum=FORMAT:HEX,OCTETSTRING:00DB123456789001\n'
}
SAN='subjectAltName=critical,otherName:1.3.6.1.5.5.7.8.4;SEQUENCE:hwmn'
SAN_NC='subjectAltName=otherName:1.3.6.1.5.5.7.8.4;SEQUENCE:hwmn'

req() {   # $1 key, $2 config, $3 out, $4 digest, [$5 subject]
	openssl req -new -key "$1" -config "$2" -"$4" -subj "${5:-/}" -out "$3"
}

p256 "$tmp/k.pem"
device_cnf critical,digitalSignature "$SAN" > "$tmp/ds.cnf"
device_cnf critical,keyAgreement "$SAN" > "$tmp/ka.cnf"
device_cnf critical,digitalSignature,keyAgreement "$SAN" > "$tmp/two.cnf"
device_cnf critical,digitalSignature "" > "$tmp/nosan.cnf"
device_cnf critical,digitalSignature "$SAN_NC" > "$tmp/sannc.cnf"

req "$tmp/k.pem" "$tmp/ds.cnf" device-ds.pem sha256
openssl req -in device-ds.pem -outform DER -out device-ds.der
req "$tmp/k.pem" "$tmp/ka.cnf" device-ka.pem sha256
req "$tmp/k.pem" "$tmp/two.cnf" device-two-key-usages.pem sha256
req "$tmp/k.pem" "$tmp/nosan.cnf" device-no-san.pem sha256
req "$tmp/k.pem" "$tmp/sannc.cnf" device-san-not-critical.pem sha256
req "$tmp/k.pem" "$tmp/ds.cnf" device-subject-not-empty.pem sha256 /CN=00DB123456789001
req "$tmp/k.pem" "$tmp/ds.cnf" device-sha384.pem sha384

# the proof of possession broken: the last octet of the signature flipped
# (DER, then back to PEM with the label "NEW CERTIFICATE REQUEST")
openssl req -in device-ds.pem -outform DER -out "$tmp/ds.der"
python3 - "$tmp/ds.der" <<'PY'
import sys
p = sys.argv[1]
d = bytearray(open(p, 'rb').read())
d[-1] ^= 0x01
open(p, 'wb').write(d)
PY
{ echo "-----BEGIN NEW CERTIFICATE REQUEST-----"; base64 -w 64 "$tmp/ds.der"
  echo "-----END NEW CERTIFICATE REQUEST-----"; } > device-bad-pop.pem

# keys the profiles reject
openssl ecparam -name secp384r1 -genkey -noout -out "$tmp/k384.pem"
req "$tmp/k384.pem" "$tmp/ds.cnf" device-p384.pem sha256
openssl ec -in "$tmp/k.pem" -param_enc explicit -out "$tmp/kexp.pem" 2>/dev/null
req "$tmp/kexp.pem" "$tmp/ds.cnf" device-explicit-curve.pem sha256
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/krsa.pem" 2>/dev/null
req "$tmp/krsa.pem" "$tmp/ds.cnf" device-rsa.pem sha256

# organisation: [CN], OU (role), uniqueIdentifier (64-bit BIT STRING), keyUsage
python3 - <<'PY'
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.x509.name import _ASN1Type
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import hashes, serialization

def rdn(oid, value, t=None):
    a = x509.NameAttribute(oid, value, _type=t) if t else x509.NameAttribute(oid, value)
    return x509.RelativeDistinguishedName([a])

def ku(ds, ka):
    return x509.KeyUsage(ds, False, False, False, ka, False, False, False, False)

EUI = b"\x00" + bytes.fromhex("90b3d51f30010000")   # unused-bits octet, then the EUI-64
def org(path, subject, usage):
    k = ec.generate_private_key(ec.SECP256R1())
    b = x509.CertificateSigningRequestBuilder().subject_name(x509.Name(subject))
    b = b.add_extension(usage, critical=True)
    open(path, "wb").write(b.sign(k, hashes.SHA256()).public_bytes(serialization.Encoding.PEM))

uid = rdn(NameOID.X500_UNIQUE_IDENTIFIER, EUI, _ASN1Type.BitString)
org("org-supplier-ds.pem", [rdn(NameOID.COMMON_NAME, "GITTESTSUPPLIER"), rdn(NameOID.ORGANIZATIONAL_UNIT_NAME, "02"), uid], ku(True, False))
org("org-supplier-ka.pem", [rdn(NameOID.ORGANIZATIONAL_UNIT_NAME, "02"), uid], ku(False, True))
org("org-two-key-usages.pem", [rdn(NameOID.ORGANIZATIONAL_UNIT_NAME, "02"), uid], ku(True, True))
org("org-ca-role.pem", [rdn(NameOID.ORGANIZATIONAL_UNIT_NAME, "07"), uid], ku(True, False))
org("org-uid-utf8.pem", [rdn(NameOID.ORGANIZATIONAL_UNIT_NAME, "02"),
                         rdn(NameOID.X500_UNIQUE_IDENTIFIER, "90B3D51F30010000", _ASN1Type.UTF8String)], ku(True, False))
PY
echo "wrote $(ls *.pem *.der | wc -l) fixtures"
