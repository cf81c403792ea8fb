#!/usr/bin/env python3
"""Write the seeds of fuzz_profile, fuzz_waivers, fuzz_csr_der, fuzz_tbs_der
and fuzz_compare (fuzz/<target>.in/) and each folder's README.md.

    python3 fuzz/make_seeds.py [TARGET...]

A developer tool, not part of the build or of CI (which only replays the
seeds): run it from anywhere; it reads the source tree around it and, for the
third-party certificates already chosen for fuzz_cert_der, nothing else.
It needs python3-cryptography only for the request signatures (P-256, RFC
6979 deterministic when the library offers it).

Sources (see fuzz/README.md, "Seeds, dictionaries, provenance"):
  hand--   written here with the small DER writer below, or by hand (YAML)
  ship--   the shipped profiles (profiles/)
  test--   the project's test fixtures (tests/data, tests/test_waivers.c)
  doc--    YAML examples of docs/profiles.md
  cert--   derived from a seed of fuzz/fuzz_cert_der.in/ (same source and
           licence as that seed: see its README); the part of the name after
           cert-- is that seed's name
  smki--   SMKI test certificates (GPL-3.0, see fuzz/README.md)
Every seed is distinct (sha256); a folder is emptied of *.der/*.yaml first.
"""
import base64
import codecs
import glob
import hashlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
MAX_SEED = 4096
MAX_YAML_SEED = 8192

# ------------------------------------------------------------------ DER


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body, length=None):
    if isinstance(tag, int):
        tag = bytes([tag])
    return tag + (der_len(len(body)) if length is None else length) + body


def seq(*kids):
    return tlv(0x30, b''.join(kids))


def set_(*kids):
    return tlv(0x31, b''.join(kids))


def oid(dotted):
    arcs = [int(a) for a in dotted.split('.')]
    out = bytearray([40 * arcs[0] + arcs[1]]) if len(arcs) > 1 else bytearray([arcs[0]])
    for a in arcs[2:]:
        enc = [a & 0x7f]
        a >>= 7
        while a:
            enc.append(0x80 | (a & 0x7f))
            a >>= 7
        out += bytes(reversed(enc))
    return tlv(0x06, bytes(out))


def integer(v):
    n = max(1, (v.bit_length() + 8) // 8)
    return tlv(0x02, v.to_bytes(n, 'big', signed=True))


def int_raw(b):
    return tlv(0x02, b)


def utf8(s):
    return tlv(0x0c, s.encode())


def printable(s):
    return tlv(0x13, s.encode())


def bits(b, unused=0):
    return tlv(0x03, bytes([unused]) + b)


def octets(b):
    return tlv(0x04, b)


def boolean(v):
    return tlv(0x01, b'\xff' if v else b'\x00')


def ctx(n, body, constructed=True):
    return tlv((0xa0 if constructed else 0x80) | n, body)


def utctime(s):
    return tlv(0x17, s.encode())


def gentime(s):
    return tlv(0x18, s.encode())


def atv(o, value):
    return seq(oid(o), value)


def name(*rdns):
    return seq(*[set_(*r) for r in rdns])


def ext(o, inner, critical=None):
    kids = [oid(o)]
    if critical is not None:
        kids.append(boolean(critical))
    kids.append(octets(inner))
    return seq(*kids)


def pseudo(seed, n):
    """n reproducible octets (no randomness: seeds must not change per run)."""
    out = b''
    i = 0
    while len(out) < n:
        out += hashlib.sha256(b'%s:%d' % (seed.encode(), i)).digest()
        i += 1
    return out[:n]


ECDSA_SHA256 = '1.2.840.10045.4.3.2'
ECDSA_SHA384 = '1.2.840.10045.4.3.3'
EC_KEY = '1.2.840.10045.2.1'
P256 = '1.2.840.10045.3.1.7'
P384 = '1.3.132.0.34'
RSA = '1.2.840.113549.1.1.1'
OU, CN, UID = '2.5.4.11', '2.5.4.3', '2.5.4.45'
KU, SKI, SAN, POLICIES, AKI, BC, EKU = ('2.5.29.15', '2.5.29.14', '2.5.29.17', '2.5.29.32', '2.5.29.35',
                                       '2.5.29.19', '2.5.29.37')
HW_MODULE = '1.3.6.1.5.5.7.8.4'
HW_TYPE = '1.2.826.0.1.8641679.1.2.2.1'
POLICY_DEVICE = '1.2.826.0.1.8641679.1.2.1.4'
POLICY_RTDS = '1.2.826.0.1.1800000.1.2.1.4'
EXT_REQ = '1.2.840.113549.1.9.14'
CHALLENGE = '1.2.840.113549.1.9.7'


def alg(o, params=None):
    return seq(oid(o)) if params is None else seq(oid(o), params)


def spki(tag='k', curve=P256, point=None):
    if point is None:
        point = b'\x04' + pseudo(tag, 64)
    return seq(alg(EC_KEY, oid(curve)), bits(point))


def ku(*names):
    order = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
             'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly']
    v = 0
    for n in names:
        v |= 1 << (15 - order.index(n))
    b = v.to_bytes(2, 'big').rstrip(b'\x00') or b'\x00'
    last = b[-1]
    unused = (last & -last).bit_length() - 1 if last else 0
    return bits(b, unused)


def hw_san(serial=bytes.fromhex('00db123456789001'), hwtype=HW_TYPE):
    return seq(ctx(0, oid(HW_MODULE) + ctx(0, seq(oid(hwtype), octets(serial)))))


def device_parts(tag='device', usage='digitalSignature'):
    """The fields of an SMKI-shaped device certificate, as a dict of DER."""
    keyid = pseudo(tag + 'ski', 8)
    return {
        'version': ctx(0, integer(2)),
        'serial': int_raw(b'\x4d' + pseudo(tag + 'serial', 15)),
        'sigalg': alg(ECDSA_SHA256),
        'issuer': name([atv(OU, utf8('07'))], [atv(UID, bits(bytes.fromhex('90b3d51f30000002')))]),
        'validity': seq(utctime('151030000000Z'), gentime('99991231235959Z')),
        'subject': seq(),
        'spki': spki(tag),
        'exts': [ext(KU, ku(usage), True), ext(SKI, octets(keyid)),
                 ext(SAN, hw_san(), True), ext(POLICIES, seq(seq(oid(POLICY_DEVICE)))),
                 ext(AKI, seq(ctx(0, pseudo(tag + 'aki', 8), False)))],
    }


def org_parts(tag='org', role='02', uid='90b3d51f30010000', usage='digitalSignature'):
    p = device_parts(tag, usage)
    p['subject'] = name([atv(CN, utf8('GITTESTSUPPLIER'))], [atv(OU, utf8(role))],
                        [atv(UID, bits(bytes.fromhex(uid)))])
    p['exts'] = [e for i, e in enumerate(p['exts']) if i != 2]   # no SAN
    return p


def tbs_of(p, order=('version', 'serial', 'sigalg', 'issuer', 'validity', 'subject', 'spki')):
    kids = [p[k] for k in order if p.get(k) is not None]
    if p.get('exts') is not None:
        kids.append(ctx(3, seq(*p['exts'])))
    return seq(*kids)


def ecdsa_sig(tag):
    r, s = pseudo(tag + 'r', 32), pseudo(tag + 's', 32)
    return seq(int_raw(b'\x00' + r if r[0] & 0x80 else r), int_raw(b'\x00' + s if s[0] & 0x80 else s))


def cert_of(p, tag='sig'):
    return seq(tbs_of(p), alg(ECDSA_SHA256), bits(ecdsa_sig(tag)))


def first_element(d):
    """(header length, total length) of the first TLV, or None."""
    if len(d) < 2:
        return None
    n = d[1]
    if n < 0x80:
        h, ln = 2, n
    elif n == 0x80 or n > 0x84 or len(d) < 2 + (n & 0x7f):
        return None
    else:
        k = n & 0x7f
        h, ln = 2 + k, int.from_bytes(d[2:2 + k], 'big')
    if h + ln > len(d):
        return None
    return h, h + ln


def tbs_from_cert(d):
    outer = first_element(d)
    if outer is None or d[0] != 0x30 or outer[0] >= outer[1]:
        return None
    inner = first_element(d[outer[0]:outer[1]])
    if inner is None or d[outer[0]] != 0x30:
        return None
    return d[outer[0]:outer[0] + inner[1]]


def pem_to_der(text):
    m = re.search(rb'-----BEGIN ([A-Z0-9 ]+)-----\r?\n(.*?)-----END \1-----', text, re.S)
    return base64.b64decode(b''.join(m.group(2).split())) if m else None


# ------------------------------------------------------------------ output

class Folder:
    def __init__(self, target, kind):
        self.target = target
        self.kind = kind
        self.dir = os.path.join(HERE, target + '.in')
        self.rows = []     # (file, source, licence, what)
        self.seen = {}

    def add(self, fname, data, source, licence, what='', limit=MAX_SEED):
        if isinstance(data, str):
            data = data.encode()
        if len(data) > limit:
            return False
        h = hashlib.sha256(data).hexdigest()
        if h in self.seen or any(r[0] == fname for r in self.rows):
            return False
        self.seen[h] = fname
        self.rows.append((fname, data, source, licence, what))
        return True

    def write(self, intro):
        os.makedirs(self.dir, exist_ok=True)
        for f in os.listdir(self.dir):
            if f != 'README.md':
                os.remove(os.path.join(self.dir, f))
        for fname, data, *_ in self.rows:
            with open(os.path.join(self.dir, fname), 'wb') as fh:
                fh.write(data)
        groups = {}
        for r in sorted(self.rows, key=lambda r: r[0]):
            groups.setdefault(r[0].split('--')[0], []).append(r)
        out = ['# Seeds of `%s` (%d files)\n' % (self.target, len(self.rows)), '', intro.strip(), '',
               'Written by `fuzz/make_seeds.py` (which also wrote this README); see `../README.md` for the',
               'selection rules and the licence policy. No two seeds are identical (sha256).', '']
        titles = {'hand': 'Hand-made, written for this project (LGPL-2.1-or-later like the project)',
                  'ship': 'The shipped profiles (this project, LGPL-2.1-or-later)',
                  'test': 'The project\'s own test fixtures (LGPL-2.1-or-later)',
                  'doc': 'Examples of the documentation (docs/; LGPL-2.1-or-later)',
                  'cert': 'Derived from the seeds of fuzz_cert_der (source and licence as that seed)',
                  'smki': 'SMKI test certificates (GPL-3.0 test data; leave out of a non-GPL release)'}
        for g in ['hand', 'ship', 'test', 'doc', 'cert', 'smki']:
            rows = groups.get(g, [])
            if not rows:
                continue
            out += ['## %s (%d)' % (titles[g], len(rows)), '', '| seed | source | licence | what it is |',
                    '|---|---|---|---|']
            for fname, data, source, licence, what in rows:
                out.append('| `%s` | %s | %s | %s |' % (fname, source, licence, what.replace('|', '\\|')))
            out.append('')
        with open(os.path.join(self.dir, 'README.md'), 'w') as fh:
            fh.write('\n'.join(out))
        print('%s: %d seeds' % (self.target, len(self.rows)))


def rel(path):
    return os.path.relpath(path, SRC)


def cert_seeds():
    """(name, DER, licence) of fuzz_cert_der's seeds, with the licence its README gives."""
    d = os.path.join(HERE, 'fuzz_cert_der.in')
    lic = {}
    readme = open(os.path.join(d, 'README.md')).read()
    for m in re.finditer(r'^\| `([^`]+)` \|(.*)\|\s*$', readme, re.M):
        cells = [c.strip() for c in m.group(2).split('|')]
        lic[m.group(1)] = cells[-1] if len(cells) >= 2 else 'LGPL-2.1-or-later'
    out = []
    for f in sorted(os.listdir(d)):
        if f.endswith('.der'):
            licence = lic.get(f, 'LGPL-2.1-or-later')
            if f.startswith('hand--'):
                licence = 'LGPL-2.1-or-later'
            out.append((f, open(os.path.join(d, f), 'rb').read(), licence))
    return out


# ------------------------------------------------------------------ TBS

def make_tbs():
    F = Folder('fuzz_tbs_der', 'DER')
    L = 'LGPL-2.1-or-later'
    p = device_parts('tbs')
    F.add('hand--tbs-device.der', tbs_of(p), 'hand-made', L, 'an SMKI-shaped device TBSCertificate')
    F.add('hand--tbs-org.der', tbs_of(org_parts('tbs-org')), 'hand-made', L, 'an organisation TBSCertificate')
    F.add('hand--tbs-no-version.der', tbs_of(dict(p, version=None)), 'hand-made', L, 'no [0] version (v1)')
    F.add('hand--tbs-no-extensions.der', tbs_of(dict(p, exts=None)), 'hand-made', L, 'no extensions field')
    F.add('hand--tbs-empty-extensions.der', tbs_of(dict(p, exts=[])), 'hand-made', L, 'extensions [3] holding an empty SEQUENCE')
    F.add('hand--tbs-no-sigalg.der', seq(p['version'], p['serial']), 'hand-made', L, 'version and serial only: no AlgorithmIdentifier')
    F.add('hand--tbs-sigalg-third.der', seq(p['version'], p['serial'], p['sigalg']), 'hand-made', L, 'version, serial, signature and nothing else')
    F.add('hand--tbs-sigalg-not-seq.der', seq(p['version'], p['serial'], oid(ECDSA_SHA256), p['issuer']), 'hand-made', L, 'an OID where the AlgorithmIdentifier goes')
    F.add('hand--tbs-trailing.der', tbs_of(p) + b'\x00\x00\x05\x00', 'hand-made', L, 'four octets after the TBSCertificate')
    F.add('hand--tbs-not-sequence.der', tlv(0x31, tbs_of(p)[2:]), 'hand-made', L, 'a SET instead of the SEQUENCE')
    t = tbs_of(p)
    F.add('hand--tbs-indefinite.der', b'\x30\x80' + t[first_element(t)[0]:] + b'\x00\x00', 'hand-made', L, 'indefinite outer length')
    F.add('hand--tbs-truncated.der', t[:len(t) // 2], 'hand-made', L, 'the first half')
    body = t[first_element(t)[0]:]
    F.add('hand--tbs-len-too-long.der', b'\x30\x82' + (len(body) + 5).to_bytes(2, 'big') + body, 'hand-made', L, 'outer length five more than the data')
    F.add('hand--tbs-unique-ids.der', seq(*[p[k] for k in ('version', 'serial', 'sigalg', 'issuer', 'validity', 'subject', 'spki')], ctx(1, b'\x00\xaa', False), ctx(2, b'\x00\xbb', False), ctx(3, seq(*p['exts']))), 'hand-made', L, 'issuerUniqueID and subjectUniqueID')
    F.add('hand--tbs-sigalg-ecdsa384.der', tbs_of(dict(p, sigalg=alg(ECDSA_SHA384))), 'hand-made', L, 'ecdsa-with-SHA384 in signature')
    F.add('hand--tbs-sigalg-null-params.der', tbs_of(dict(p, sigalg=alg(ECDSA_SHA256, b'\x05\x00'))), 'hand-made', L, 'ecdsa-with-SHA256 with NULL parameters')
    F.add('hand--tbs-sigalg-empty.der', tbs_of(dict(p, sigalg=seq())), 'hand-made', L, 'an empty AlgorithmIdentifier')
    F.add('hand--tbs-version-v1-encoded.der', tbs_of(dict(p, version=ctx(0, integer(0)))), 'hand-made', L, 'version v1 encoded (DEFAULT)')
    F.add('hand--tbs-empty.der', b'\x30\x00', 'hand-made', L, 'an empty SEQUENCE')
    F.add('hand--tbs-one-octet.der', b'\x30', 'hand-made', L, 'one octet')
    F.add('hand--tbs-spki-p384.der', tbs_of(dict(p, spki=spki('tbs384', P384, b'\x04' + pseudo('p384', 96)))), 'hand-made', L, 'a P-384 key')
    F.add('hand--tbs-eku-300.der', tbs_of(dict(p, exts=p['exts'] + [ext(EKU, seq(*[oid('1.3.6.1.5.5.7.3.%d' % (i % 9 + 1)) for i in range(300)]))])), 'hand-made', L, 'extKeyUsage with 300 key purposes (over the decoder limit)')
    F.add('hand--tbs-whole-cert.der', cert_of(p), 'hand-made', L, 'a whole certificate (the target lints its tbsCertificate too)')
    for f, der, licence in cert_seeds():
        src = 'tbsCertificate of `fuzz_cert_der.in/%s`' % f
        if f.startswith('smki--'):
            t = tbs_from_cert(der)
            if t:
                F.add('smki--tbs-' + f[6:], t, src, 'GPL-3.0 (SMKI test data)')
            continue
        t = tbs_from_cert(der)
        if t is not None and len(t) > 8:
            F.add('cert--' + f, t, src, licence)
    F.write('Input kind: DER TBSCertificates (and a whole certificate, whose tbsCertificate the target also\n'
            'lints). Every file is at most 4 KiB. Most are the tbsCertificate of a seed of fuzz_cert_der\n'
            '(the octets of its first element, as they are, broken ones included).')


# ------------------------------------------------------------------ CSR

def sign_cri(cri, tag):
    try:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        key = ec.derive_private_key(int.from_bytes(pseudo(tag, 31), 'big') + 1, ec.SECP256R1())
        try:
            algo = ec.ECDSA(hashes.SHA256(), deterministic_signing=True)
        except TypeError:
            algo = ec.ECDSA(hashes.SHA256())
        sig = key.sign(cri, algo)
        from cryptography.hazmat.primitives import serialization
        pub = key.public_key().public_bytes(serialization.Encoding.X962,
                                            serialization.PublicFormat.UncompressedPoint)
        return sig, pub
    except ImportError:
        return ecdsa_sig(tag), b'\x04' + pseudo(tag, 64)


def csr(subject=None, attrs=None, key=None, sigalg=None, version=None, tag='csr', sign=True, extra=b'',
        sig=None):
    """A CertificationRequest; the signature is real (over the CRI) when sign is set and key is None."""
    subject = seq() if subject is None else subject
    attrs = [] if attrs is None else attrs
    version = integer(0) if version is None else version

    def cri_with(k):
        return seq(version, subject, k, ctx(0, b''.join(attrs)), extra) if extra else \
            seq(version, subject, k, ctx(0, b''.join(attrs)))
    if key is None and sign:
        # the key must be in the CRI before signing: derive it first
        _, pub = sign_cri(b'', tag)
        k = seq(alg(EC_KEY, oid(P256)), bits(pub))
        cri = cri_with(k)
        s, _ = sign_cri(cri, tag)
    else:
        k = key if key is not None else spki(tag)
        cri = cri_with(k)
        s = ecdsa_sig(tag)
    if sig is not None:
        s = sig
    return seq(cri, sigalg if sigalg is not None else alg(ECDSA_SHA256), bits(s))


def ext_req(*exts, wrap=None):
    return seq(oid(EXT_REQ), set_(seq(*exts)) if wrap is None else wrap)


def make_csr():
    F = Folder('fuzz_csr_der', 'DER')
    L = 'LGPL-2.1-or-later'
    H = 'hand-made'
    dev = [ext(KU, ku('digitalSignature'), True)]
    org_subject = name([atv(CN, utf8('GITTESTSUPPLIER'))], [atv(OU, utf8('02'))],
                       [atv(UID, bits(bytes.fromhex('90b3d51f30010000')))])
    F.add('hand--csr-device-ds.der', csr(attrs=[ext_req(*dev)], tag='d1'), H, L, 'device request, keyUsage digitalSignature, signed')
    F.add('hand--csr-device-ka.der', csr(attrs=[ext_req(ext(KU, ku('keyAgreement'), True))], tag='d2'), H, L, 'device request, keyAgreement')
    F.add('hand--csr-org-ds.der', csr(org_subject, [ext_req(*dev)], tag='o1'), H, L, 'organisation request (CN, OU 02, uniqueIdentifier)')
    F.add('hand--csr-org-role-07.der', csr(name([atv(OU, utf8('07'))], [atv(UID, bits(bytes.fromhex('90b3d51f30000002')))]), [ext_req(*dev)], tag='o2'), H, L, 'organisation request for a CA role')
    F.add('hand--csr-no-attributes.der', csr(tag='n1'), H, L, 'empty [0] attributes')
    F.add('hand--csr-no-attributes-field.der', seq(seq(integer(0), seq(), spki('n2')), alg(ECDSA_SHA256), bits(ecdsa_sig('n2'))), H, L, 'no [0] at all (3 elements)')
    F.add('hand--csr-version-1.der', csr(version=integer(1), tag='v1'), H, L, 'version 1 (only 0 is defined)')
    F.add('hand--csr-version-negative.der', csr(version=integer(-1), tag='v2'), H, L, 'version -1')
    F.add('hand--csr-version-not-minimal.der', csr(version=int_raw(b'\x00\x00'), tag='v3'), H, L, 'version as two zero octets')
    F.add('hand--csr-version-huge.der', csr(version=int_raw(b'\x7f' * 20), tag='v4'), H, L, '20-octet version')
    F.add('hand--csr-challenge-password.der', csr(attrs=[seq(oid(CHALLENGE), set_(utf8('secret'))), ext_req(*dev)], tag='c1'), H, L, 'challengePassword before extensionRequest')
    F.add('hand--csr-attr-empty-set.der', csr(attrs=[seq(oid(EXT_REQ), set_())], tag='a1'), H, L, 'extensionRequest with an empty SET of values')
    F.add('hand--csr-attr-two-values.der', csr(attrs=[ext_req(*dev, wrap=set_(seq(*dev), seq(*dev)))], tag='a2'), H, L, 'extensionRequest with two values')
    F.add('hand--csr-ext-req-twice.der', csr(attrs=[ext_req(*dev), ext_req(ext(KU, ku('keyAgreement'), True))], tag='a3'), H, L, 'two extensionRequest attributes')
    F.add('hand--csr-ext-req-empty.der', csr(attrs=[ext_req()], tag='a4'), H, L, 'extensionRequest holding no extension')
    F.add('hand--csr-ext-req-not-seq.der', csr(attrs=[ext_req(wrap=set_(octets(b'\x30\x00')))], tag='a5'), H, L, 'extensionRequest value an OCTET STRING')
    F.add('hand--csr-attrs-65.der', csr(attrs=[seq(oid('1.2.3.%d' % i), set_(b'\x05\x00')) for i in range(65)], tag='a6'), H, L, '65 attributes (over the decoder limit of 64)')
    F.add('hand--csr-attrs-64.der', csr(attrs=[seq(oid('1.2.3.%d' % i), set_(b'\x05\x00')) for i in range(64)], tag='a7'), H, L, '64 attributes (at the decoder limit)')
    F.add('hand--csr-exts-130.der', csr(attrs=[ext_req(*[ext('1.2.3.4.%d' % i, b'\x05\x00') for i in range(130)])], tag='a8'), H, L, '130 requested extensions (over the decoder limit of 128)')
    F.add('hand--csr-eku-300.der', csr(attrs=[ext_req(ext(EKU, seq(*[oid('1.3.6.1.5.5.7.3.2')] * 300)))], tag='a9'), H, L, 'requested extKeyUsage with 300 key purposes')
    F.add('hand--csr-ext-dup.der', csr(attrs=[ext_req(*(dev + dev))], tag='b1'), H, L, 'keyUsage requested twice')
    F.add('hand--csr-ext-critical-false.der', csr(attrs=[ext_req(ext(KU, ku('digitalSignature'), False))], tag='b2'), H, L, 'critical FALSE encoded')
    F.add('hand--csr-ext-san-hw.der', csr(attrs=[ext_req(*(dev + [ext(SAN, hw_san(), True)]))], tag='b3'), H, L, 'subjectAltName with a HardwareModuleName')
    F.add('hand--csr-ext-bc-ca.der', csr(attrs=[ext_req(*(dev + [ext(BC, seq(boolean(True)), True)]))], tag='b4'), H, L, 'basicConstraints cA TRUE')
    F.add('hand--csr-ext-value-broken.der', csr(attrs=[ext_req(ext(KU, b'\x03\x05\x00', True), ext(SAN, b'\x30\x10\xa0', True))], tag='b5'), H, L, 'requested keyUsage and SAN values that are not DER')
    F.add('hand--csr-subject-cn-only.der', csr(name([atv(CN, printable('x'))]), [ext_req(*dev)], tag='s1'), H, L, 'device request with a CN (should be empty)')
    F.add('hand--csr-subject-multi-rdn.der', csr(seq(set_(atv(OU, utf8('02')), atv(CN, utf8('A')))), [ext_req(*dev)], tag='s2'), H, L, 'a multi-valued RDN')
    F.add('hand--csr-subject-uid-bad.der', csr(name([atv(UID, bits(b'\x90\xb3', 3))]), [ext_req(*dev)], tag='s3'), H, L, 'uniqueIdentifier with unused bits set')
    F.add('hand--csr-rsa-key.der', csr(key=seq(alg(RSA, b'\x05\x00'), bits(seq(integer(3 << 1020 | 1), integer(65537)))), attrs=[ext_req(*dev)], tag='k1'), H, L, 'an RSA key')
    F.add('hand--csr-p384-key.der', csr(key=spki('k2', P384, b'\x04' + pseudo('k2', 96)), attrs=[ext_req(*dev)], tag='k2'), H, L, 'a P-384 key')
    F.add('hand--csr-key-compressed.der', csr(key=spki('k3', P256, b'\x02' + pseudo('k3', 32)), attrs=[ext_req(*dev)], tag='k3'), H, L, 'a compressed point')
    F.add('hand--csr-key-not-on-curve.der', csr(key=spki('k4'), attrs=[ext_req(*dev)], tag='k4'), H, L, 'a point not on the curve')
    F.add('hand--csr-key-no-params.der', csr(key=seq(alg(EC_KEY), bits(b'\x04' + pseudo('k5', 64))), attrs=[ext_req(*dev)], tag='k5'), H, L, 'id-ecPublicKey without a curve')
    F.add('hand--csr-bad-signature.der', csr(attrs=[ext_req(*dev)], tag='g1', sig=ecdsa_sig('other')), H, L, 'a signature that does not verify (proof of possession fails)')
    F.add('hand--csr-sig-garbage.der', csr(attrs=[ext_req(*dev)], tag='g2', sig=b'\x30\x05\x02\x01'), H, L, 'a signature BIT STRING that is not an ECDSA-Sig-Value')
    F.add('hand--csr-sigalg-sha384.der', csr(attrs=[ext_req(*dev)], tag='g3', sigalg=alg(ECDSA_SHA384)), H, L, 'ecdsa-with-SHA384')
    F.add('hand--csr-sigalg-null.der', csr(attrs=[ext_req(*dev)], tag='g4', sigalg=alg(ECDSA_SHA256, b'\x05\x00')), H, L, 'NULL parameters in the signature algorithm')
    F.add('hand--csr-extra-cri-element.der', csr(attrs=[ext_req(*dev)], tag='g5', extra=b'\x05\x00'), H, L, 'a fifth element in the CertificationRequestInfo')
    good = csr(attrs=[ext_req(*dev)], tag='t1')
    F.add('hand--csr-trailing.der', good + b'\x00\x00', H, L, 'two octets after the request')
    F.add('hand--csr-truncated.der', good[:len(good) - 20], H, L, 'the last 20 octets cut')
    F.add('hand--csr-truncated-header.der', good[:3], H, L, 'three octets')
    F.add('hand--csr-indefinite.der', b'\x30\x80' + good[first_element(good)[0]:] + b'\x00\x00', H, L, 'indefinite outer length')
    F.add('hand--csr-long-form-len.der', b'\x30\x84' + (len(good) - first_element(good)[0]).to_bytes(4, 'big') + good[first_element(good)[0]:], H, L, 'a 4-octet outer length')
    F.add('hand--csr-empty.der', b'', H, L, 'empty input')
    F.add('hand--csr-seq-4-elements.der', seq(seq(integer(0), seq(), seq(), ctx(0, b'')), seq(), bits(b'')), H, L, 'the minimal shape smkilint_input_split takes for a request')
    F.add('hand--csr-deep-attr.der', csr(attrs=[seq(oid('1.2.3.9'), set_(b'\x30\x80' * 40 + b'\x00\x00' * 40))], tag='x1'), H, L, 'an attribute value 40 indefinite SEQUENCEs deep')
    for f in sorted(glob.glob(os.path.join(SRC, 'tests/data/csr/*.pem'))):
        der = pem_to_der(open(f, 'rb').read())
        if der:
            F.add('test--csr-' + os.path.basename(f)[:-4] + '.der', der, '`%s` (PEM decoded)' % rel(f), L,
                  'project fixture (see tests/data/csr/README.md)')
    F.write('Input kind: DER PKCS #10 certification requests. Every file is at most 4 KiB. The hand-made\n'
            'requests carry a real P-256 signature over their CertificationRequestInfo unless they say\n'
            'otherwise (python3-cryptography, a key derived from the seed\'s tag). The GPL-3.0\n'
            '`gnutls-crq-fuzz` seeds are replayed from ../shared by `fuzz_csr_der-external`, never copied.')


# ------------------------------------------------------------------ compare

def make_compare():
    F = Folder('fuzz_compare', 'DER')
    L = 'LGPL-2.1-or-later'
    H = 'hand-made'
    base = device_parts('cmp')
    ref = cert_of(base, 'cmp')

    def pair(fname, what, **changes):
        cand = dict(base)
        cand.update(changes)
        F.add('hand--pair-' + fname + '.der', ref + cert_of(cand, 'cmp2'), H, L, 'template, then the template with ' + what)
    F.add('hand--single-device.der', ref, H, L, 'one device certificate (compared with itself)')
    F.add('hand--single-org.der', cert_of(org_parts('cmp-org'), 'o'), H, L, 'one organisation certificate (compared with itself)')
    F.add('hand--pair-identical.der', ref + ref, H, L, 'the template twice')
    pair('serial', 'another serial', serial=int_raw(b'\x4d' + pseudo('other', 15)))
    pair('serial-short', 'an 8-octet serial', serial=int_raw(b'\x11' * 8))
    pair('validity', 'another notBefore', validity=seq(utctime('160101000000Z'), gentime('99991231235959Z')))
    pair('validity-utc', 'notAfter as UTCTime', validity=seq(utctime('151030000000Z'), utctime('491231235959Z')))
    pair('issuer', 'another issuer', issuer=name([atv(OU, utf8('07'))], [atv(UID, bits(bytes.fromhex('90b3d51f30000003')))]))
    pair('issuer-printable', 'the issuer OU as PrintableString', issuer=name([atv(OU, printable('07'))], [atv(UID, bits(bytes.fromhex('90b3d51f30000002')))]))
    pair('subject-cn', 'a subject CN', subject=name([atv(CN, utf8('X'))]))
    pair('key', 'another key', spki=spki('other-key'))
    pair('key-p384', 'a P-384 key', spki=spki('p384', P384, b'\x04' + pseudo('p384', 96)))
    pair('sigalg', 'ecdsa-with-SHA384', sigalg=alg(ECDSA_SHA384))
    pair('no-version', 'no version', version=None)
    e = base['exts']
    pair('ku-ka', 'keyUsage keyAgreement', exts=[ext(KU, ku('keyAgreement'), True)] + e[1:])
    pair('ku-not-critical', 'keyUsage not critical', exts=[ext(KU, ku('digitalSignature'))] + e[1:])
    pair('ku-critical-false', 'critical FALSE encoded', exts=[ext(KU, ku('digitalSignature'), False)] + e[1:])
    pair('ext-order', 'the extensions reversed', exts=list(reversed(e)))
    pair('ext-missing', 'no AKI', exts=e[:-1])
    pair('ext-extra', 'an extra basicConstraints', exts=e + [ext(BC, seq())])
    pair('ext-unknown', 'an extra unknown extension', exts=e + [ext('1.2.3.4.5', b'\x05\x00')])
    pair('ext-dup', 'keyUsage twice', exts=e + e[:1])
    pair('san-serial', 'another hwSerialNum', exts=e[:2] + [ext(SAN, hw_san(bytes.fromhex('00db123456789002')), True)] + e[3:])
    pair('san-hwtype', 'another hwType', exts=e[:2] + [ext(SAN, hw_san(hwtype='1.2.826.0.1.8641679.1.2.2.2'), True)] + e[3:])
    pair('policy', 'the RTDS policy', exts=e[:3] + [ext(POLICIES, seq(seq(oid(POLICY_RTDS))))] + e[4:])
    pair('policy-two', 'two policies', exts=e[:3] + [ext(POLICIES, seq(seq(oid(POLICY_RTDS)), seq(oid(POLICY_DEVICE))))] + e[4:])
    pair('ski', 'another SKI', exts=e[:1] + [ext(SKI, octets(pseudo('ski2', 8)))] + e[2:])
    pair('ski-20', 'a 20-octet SKI', exts=e[:1] + [ext(SKI, octets(pseudo('ski3', 20)))] + e[2:])
    pair('aki-issuer', 'an AKI with issuer and serial', exts=e[:4] + [ext(AKI, seq(ctx(0, pseudo('a', 8), False), ctx(1, ctx(4, base['issuer'])), tlv(0x82, b'\x01')))])
    pair('eku', 'an extKeyUsage', exts=e + [ext(EKU, seq(oid('1.3.6.1.5.5.7.3.2')))])
    pair('no-extensions', 'no extensions', exts=None)
    F.add('hand--pair-org-device.der', cert_of(org_parts('cmp-org'), 'o') + ref, H, L, 'an organisation certificate, then a device one')
    F.add('hand--pair-cand-truncated.der', ref + ref[:len(ref) // 2], H, L, 'the template, then half of it')
    F.add('hand--pair-cand-garbage.der', ref + b'\x04\x03abc', H, L, 'the template, then an OCTET STRING')
    F.add('hand--pair-ref-broken.der', b'\x30\x03\x02\x01\x01' + ref, H, L, 'a SEQUENCE holding an INTEGER, then the template')
    F.add('hand--pair-three.der', ref + ref + cert_of(org_parts('cmp-org'), 'o'), H, L, 'three certificates (the candidate is the last two)')
    F.add('hand--pair-cand-trailing.der', ref + ref + b'\x00', H, L, 'the candidate with a trailing octet')
    F.add('hand--halves.der', b'\x05\x05' + b'\x30' * 40, H, L, 'no DER element at the start: compared as two halves')
    F.add('hand--empty.der', b'', H, L, 'empty input')
    F.add('hand--pair-indefinite.der', b'\x30\x80' + ref[first_element(ref)[0]:] + b'\x00\x00' + ref, H, L, 'an indefinite-length reference (no element: halves)')
    # the template against each of a few hand-made certificate seeds, and those seeds alone
    seeds = dict((f, (d, lic)) for f, d, lic in cert_seeds())
    for f in ['hand--cert-eku.der', 'hand--cert-san-all-types.der', 'hand--cert-policies-qualifiers.der',
              'hand--cert-bc-ca-pathlen.der', 'hand--cert-aki-all-fields.der', 'hand--cert-name-bmp-t61.der',
              'hand--cert-time-fraction.der', 'hand--cert-uids.der', 'hand--cert-spki-rsa.der',
              'hand--cert-ext-duplicate.der', 'hand--cert-version-absent.der', 'hand--device-template.der',
              'hand--cert-ku-long.der', 'hand--cert-serial-negative.der', 'hand--cert-sig-alg-ecdsa384.der']:
        if f in seeds:
            d, lic = seeds[f]
            F.add('cert--single-' + f, d, '`fuzz_cert_der.in/%s`' % f, lic, 'compared with itself')
            F.add('cert--pair-' + f, ref + d, 'the template, then `fuzz_cert_der.in/%s`' % f, lic, 'a pair')
    for f, (d, lic) in sorted(seeds.items()):
        if f.split('--')[0] in ('zlint', 'limbo-gen', 'limbo-pub', 'franken') and len(F.rows) < 110 and len(d) <= 2048:
            F.add('cert--single-' + f, d, '`fuzz_cert_der.in/%s`' % f, lic, 'compared with itself')
    smki = sorted(glob.glob(os.path.join(SRC, 'examples/certs/*.pem')))
    ders = [(os.path.basename(f)[:-4], pem_to_der(open(f, 'rb').read())) for f in smki]
    for i, (n, d) in enumerate(ders):
        F.add('smki--single-' + n + '.der', d, '`%s` (PEM decoded)' % rel(smki[i]), 'GPL-3.0 (SMKI test data)', 'compared with itself')
    by = dict(ders)
    for a, b in [('org-z1-supplier-90b3d51f30010000-ds-20151030-4fbc5252', 'org-z99-other-90b3d51f30010009-ds-20231220-173cfbf0'),
                 ('device-rtds-e357-00db123456789001-ds', 'device-rtds-e357-00db12345678909b-ds-nonder-signature'),
                 ('ca-oca-z1-issuingAuthority-issued-by-za-71872bdb', 'org-z1-supplier-90b3d51f30010000-ds-20151030-4fbc5252'),
                 ('device-rtds-e357-00db123456789001-ds', 'org-ob-other-00db123456780004-ds-20150415-43f410fe')]:
        if a in by and b in by:
            F.add('smki--pair-%s--%s.der' % (a.split('-')[0] + a.split('-')[2], b.split('-')[0] + b.split('-')[2]), by[a] + by[b],
                  '`examples/certs/%s.pem` then `examples/certs/%s.pem`' % (a, b), 'GPL-3.0 (SMKI test data)', 'two real certificates')
    F.write('Input kind: DER: a reference certificate followed by a candidate (when nothing follows the first\n'
            'element the target compares it with a copy of itself). Every file is at most 4 KiB. The\n'
            'template pairs change one field each, as tests/test_compare.c does with the forge.')


# ------------------------------------------------------------------ profiles

PROFILE_HAND = {
    'extends-device-ds': ('a profile extending smki-device-ds, tightening one rule and disabling another', '''\
profile: fuzz-device-ds
extends: smki-device-ds
kind: device-ds
opt_in: true
rules:
  - id: smki.device.keyusage_single_ds_or_ka
    severity: fatal
  - id: smki.common.serial_16_octets
    disabled: true
  - id: der.integer_not_minimal
    severity: info
    since: 2020-01-01
    until: 2030-12-31
'''),
    'extends-org-naming': ('an organisation profile with its own naming section (roles, register)', '''\
profile: fuzz-org
extends: smki-organisation
kind: organisation
naming:
  id: fuzz.org.cn
  severity: error
  citation: "fuzz"
  default:
    presence: required
    regex: "^[A-Z0-9 ]+$"
    max_length: 32
    case: upper
  roles:
    "02":
      presence: optional
      charset: printable
    "7F":
      presence: forbidden
  not_entity_identifier: true
  register: registers/names.yaml
rules: []
'''),
    'redefine-shipped': ('redefines smki-device, extending the shipped one of the same name', '''\
profile: smki-device
extends: smki-device
kind: device
abstract: true
rules:
  - id: smki.device.extra
    check: version
    version: 3
    severity: notice
    citation: redefined
'''),
    'extends-self': ('a profile extending itself', 'profile: fuzz-self\nextends: fuzz-self\nrules: []\n'),
    'extends-unknown': ('extends a profile that does not exist', 'profile: fuzz-x\nextends: no-such-profile\nrules: []\n'),
    'extends-abstract-chain': ('a chain of extends through the shipped ones', 'profile: fuzz-chain\nextends: smki-device-ka\nkind: device-ka\nrules:\n  - {id: smki.common.version_v3, severity: warning}\n'),
    'naming-file': ('a naming convention file (replaces every profile\'s, as --naming does)', '''\
naming:
  id: fuzz.naming
  severity: warning
  citation: "fuzz naming"
  default:
    presence: optional
    regex: "^(GIT)?TEST[A-Z]*$"
  roles:
    "01": {presence: required, min_length: 2}
'''),
    'naming-register-missing': ('a naming file naming a register that does not exist', 'naming:\n  citation: x\n  register: registers/absent.yaml\n'),
    'naming-register-self': ('a naming file whose register is a naming file', 'naming:\n  citation: x\n  register: strict-ltd.yaml\n'),
    'naming-no-citation': ('naming without its required citation', 'naming:\n  default: {presence: any}\n'),
    'environment': ('an environment with every key', '''\
environment: fuzz-env
description: made-up OIDs
policies:
  organisation: [1.2.826.0.1.99999.1]
  device: [1.2.826.0.1.99999.2, 1.2.826.0.1.1800000.1.2.1.4]
hw_types: [1.2.826.0.1.99999.3]
roles: ["00", "02", "7F"]
'''),
    'environment-and-profile': ('both top-level keys', 'environment: e\nprofile: p\nrules: []\n'),
    'json': ('a profile in JSON', '{"profile": "fuzz-json", "extends": "smki-organisation", "kind": "organisation", "rules": [{"id": "smki.org.subject_ou_hex2", "severity": "info"}]}\n'),
    'anchors': ('anchors, aliases and a merge key', '''\
profile: fuzz-anchors
kind: any
opt_in: true
rules:
  - &base
    id: fuzz.a.one
    check: serial
    positive: true
    severity: &sev error
    citation: &cit "anchored"
  - <<: *base
    id: fuzz.a.two
    length: {min: 1, max: 20}
  - id: fuzz.a.three
    check: version
    version: 3
    severity: *sev
    citation: *cit
'''),
    'alias-fanout': ('nested aliases (a small "billion laughs")', '''\
a: &a [x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b]
profile: fuzz-laughs
rules: [*c]
'''),
    'multi-document': ('two YAML documents in one stream', 'profile: fuzz-one\nrules: []\n---\nprofile: fuzz-two\nrules: []\n'),
    'tags': ('explicit tags', 'profile: !!str fuzz-tags\nopt_in: !!bool true\nkind: any\nrules: !!seq\n  - id: fuzz.t.serial\n    check: serial\n    length: !!int 16\n    severity: error\n    citation: !!binary aGVsbG8=\n'),
    'block-scalars': ('literal and folded scalars', 'profile: fuzz-blocks\ndescription: >\n  folded\n  text\nkind: any\nrules:\n  - id: fuzz.b.re\n    check: name_attribute\n    field: subject\n    type: CN\n    regex: |\n      ^[A-Z]+$\n    severity: error\n    citation: |-\n      literal\n'),
    'flow-style': ('everything in flow style', '{profile: fuzz-flow, kind: any, rules: [{id: fuzz.f.v, check: version, version: 3, severity: error, citation: c}, {id: fuzz.f.k, check: key_usage, exactly_one_of: [digitalSignature, keyAgreement], severity: error, citation: c}]}\n'),
    'crlf-bom': ('a byte order mark and CRLF line ends', '\ufeffprofile: fuzz-crlf\r\nkind: any\r\nrules:\r\n  - id: fuzz.c.v\r\n    check: version\r\n    version: 3\r\n    severity: error\r\n    citation: crlf\r\n'),
    'nul-escape': ('a NUL character in a scalar', 'profile: "fuzz\\0nul"\nrules: []\n'),
    'deep-flow': ('100 nested flow sequences', 'profile: fuzz-deep\nrules: ' + '[' * 100 + ']' * 100 + '\n'),
    'duplicate-key': ('a duplicate key', 'profile: a\nprofile: b\nrules: []\n'),
    'null-values': ('null values where scalars go', 'profile: ~\nkind:\nrules:\n  - id: ~\n'),
    'regex-catastrophic': ('a regex with nested quantifiers, run on the sample certificates', 'profile: fuzz-regex\nkind: any\nrules:\n  - id: fuzz.r.cn\n    check: name_attribute\n    field: subject\n    type: CN\n    regex: "^(([A-Z]*)*)*[0-9]$"\n    severity: error\n    citation: r\n'),
    'regex-bad': ('an invalid regex', 'profile: fuzz-regex-bad\nrules:\n  - {id: fuzz.r.bad, check: name_attribute, field: subject, type: CN, regex: "([", severity: error, citation: r}\n'),
    'every-check': ('one rule of each check kind, on top of nothing', '''\
profile: fuzz-every
kind: any
opt_in: true
rules:
  - {id: fuzz.e.version, check: version, version: 3, severity: error, citation: c}
  - {id: fuzz.e.serial, check: serial, positive: true, length: {min: 1, max: 20}, severity: error, citation: c}
  - {id: fuzz.e.sigalg, check: signature_algorithm, algorithm: ecdsa-with-SHA256, parameters: absent, severity: error, citation: c}
  - {id: fuzz.e.key, check: key, algorithm: id-ecPublicKey, curve: prime256v1, point: uncompressed, on_curve: true, severity: error, citation: c}
  - {id: fuzz.e.empty, check: name_empty, field: subject, empty: true, severity: error, citation: c}
  - {id: fuzz.e.attr, check: name_attribute, field: issuer, type: OU, count: 1, string_types: [utf8, printable], length: {max: 2}, severity: error, citation: c}
  - {id: fuzz.e.uid, check: name_attribute, field: issuer, type: 2.5.4.45, bits: 64, severity: error, citation: c}
  - {id: fuzz.e.layout, check: name_layout, field: subject, attributes: [CN, OU, 2.5.4.45], others: forbidden, single_valued: true, severity: error, citation: c}
  - {id: fuzz.e.role, check: role, field: subject, roles: ["02", "03"], severity: error, citation: c}
  - {id: fuzz.e.roleku, check: role_key_usage, role_key_usages: {"02": [digitalSignature], "03": [keyAgreement]}, severity: error, citation: c}
  - {id: fuzz.e.validity, check: validity, not_after: 9999-12-31T23:59:59Z, not_before_type: utctime, not_after_type: generalizedtime, max_lifetime_days: 36500, severity: error, citation: c}
  - {id: fuzz.e.lifetime, check: validity, lifetime_seconds: 86400, not_after_time_of_day: "23:59:59", severity: error, citation: c}
  - {id: fuzz.e.presence, check: extension_presence, extension: keyUsage, presence: required, severity: error, citation: c}
  - {id: fuzz.e.equals, check: extension_presence, extension: 1.2.3.4, presence: optional, equals: "0500", severity: error, citation: c}
  - {id: fuzz.e.critical, check: extension_critical, extension: keyUsage, critical: true, severity: error, citation: c}
  - {id: fuzz.e.only, check: only_listed_extensions, extensions: [keyUsage, subjectKeyIdentifier], ordered: true, severity: error, citation: c}
  - {id: fuzz.e.ku, check: key_usage, at_least: [digitalSignature], at_most: [digitalSignature, keyAgreement], severity: error, citation: c}
  - {id: fuzz.e.bc, check: basic_constraints, presence: optional, ca: false, path_len: {max: 0}, critical: true, severity: error, citation: c}
  - {id: fuzz.e.keyid, check: key_identifier, key_identifier: subject, method: 1, length: 8, severity: error, citation: c}
  - {id: fuzz.e.aki, check: key_identifier, key_identifier: authority, key_id_only: true, matches_ski: true, severity: error, citation: c}
  - {id: fuzz.e.policies, check: policies, oids: device, count: 1, qualifiers: forbidden, severity: error, citation: c}
  - {id: fuzz.e.san, check: subject_alt_name, count: 1, name_types: [otherName], hw_module_name: required, hw_types: environment, hw_serial_length: 8, severity: error, citation: c}
  - {id: fuzz.e.selfsigned, check: self_signed, severity: error, citation: c}
'''),
    'bad-values': ('values of the wrong kind for each key', '''\
profile: fuzz-bad
opt_in: maybe
abstract: [1]
kind: nothing
rules:
  - {id: FUZZ.Bad, check: version, version: 4, severity: loud, citation: ""}
'''),
    'empty-doc': ('an empty document', '---\n...\n'),
    'only-comment': ('only a comment', '# nothing here\n'),
    'scalar-root': ('a scalar at the root', 'profile\n'),
    'sequence-root': ('a sequence at the root', '- profile: x\n'),
    'csr-profile': ('a certification-request profile', 'profile: fuzz-csr\nextends: smki-csr-device\nkind: csr-device\nrules:\n  - {id: smki.csr.device.subject_empty, severity: info}\n'),
    'long-scalar': ('a 3000-character description', 'profile: fuzz-long\ndescription: ' + 'x' * 3000 + '\nrules: []\n'),
    'unicode': ('non-ASCII scalars and escapes', 'profile: "fuzz-\\u00e9\\U0001F600"\ndescription: "caf\\xe9 \\t tab"\nkind: any\nrules: []\n'),
}


def doc_examples():
    text = open(os.path.join(SRC, 'docs/profiles.md')).read()
    out = []
    for i, m in enumerate(re.finditer(r'```yaml\n(.*?)```', text, re.S)):
        body = m.group(1)
        if body.lstrip().startswith('- '):
            body = 'profile: doc-example-%d\nextends: smki-device-ds\nkind: any\nopt_in: true\nrules:\n' % i + \
                ''.join('  ' + ln + '\n' for ln in body.splitlines())
        out.append((i, body))
    return out


def make_profile():
    F = Folder('fuzz_profile', 'YAML')
    L = 'LGPL-2.1-or-later'
    for f in sorted(glob.glob(os.path.join(SRC, 'profiles/**/*.yaml'), recursive=True)) + \
            sorted(glob.glob(os.path.join(SRC, 'profiles/**/*.template'), recursive=True)):
        F.add('ship--' + rel(f)[len('profiles/'):].replace('/', '-'), open(f, 'rb').read(), '`%s`' % rel(f), L,
              'shipped', MAX_YAML_SEED)
    for f in sorted(glob.glob(os.path.join(SRC, 'tests/data/profiles/**/*.yaml'), recursive=True)) + \
            sorted(glob.glob(os.path.join(SRC, 'tests/data/naming/**/*.yaml'), recursive=True)):
        F.add('test--' + rel(f)[len('tests/data/'):].replace('/', '-'), open(f, 'rb').read(), '`%s`' % rel(f), L,
              'test fixture', MAX_YAML_SEED)
    for i, body in doc_examples():
        F.add('doc--profiles-md-%02d.yaml' % i, body, '`docs/profiles.md`, YAML block %d' % (i + 1), L,
              'documentation example', MAX_YAML_SEED)
    for k, (what, body) in sorted(PROFILE_HAND.items()):
        F.add('hand--%s.yaml' % k, body, 'hand-made', L, what, MAX_YAML_SEED)
    F.write('Input kind: one YAML (or JSON) document: a profile, an environment or a naming convention,\n'
            'loaded on top of the shipped profiles. Seeds are at most 8 KiB (the larger shipped profiles\n'
            'are 5 to 8 KiB). The target names the document `tests/data/naming/fuzz.yaml`, so the\n'
            'relative `register:` paths of the naming fixtures resolve.')


# ------------------------------------------------------------------ waivers

def c_string_literals(call, text):
    """The texts passed to call("..." "...") in C source, unescaped."""
    out = []
    for m in re.finditer(re.escape(call) + r'\(((?:\s*"(?:[^"\\]|\\.)*")+)\s*[,)]', text):
        parts = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
        s = ''.join(parts)
        out.append(codecs.decode(s.encode('latin-1'), 'unicode_escape').encode('latin-1'))
    return out


def c_string_runs(text, keep):
    """Every run of adjacent C string literals (concatenated and unescaped) for which keep() holds."""
    text = re.sub(r'//[^\n]*|/\*.*?\*/', ' ', text, flags=re.S)
    out = []
    for m in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', text):
        parts = re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(0))
        t = codecs.decode(''.join(parts).encode('utf-8'), 'unicode_escape').encode('latin-1', 'replace')
        if keep(t) and not t.startswith(b'w.yaml:'):
            out.append(t)
    return out


WAIVER_HAND = {
    'every-key': ('every key, each as a list', '''\
waivers:
  - lints: [der.*, "rfc5280.key_usage.?*", "smki.[a-z]*"]
    reason: "every selector"
    expires: 2026-06-30
    sha256: [0000000000000000000000000000000000000000000000000000000000000000, "ab:cd:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd"]
    serial: [00DB123456789001, "01:02", "4df56e92d528f835"]
    input: ["*.pem", "examples/certs/*"]
'''),
    'glob-everything': ('a waiver of every finding', 'waivers:\n  - lints: "*"\n    reason: all\n'),
    'glob-stars': ('a pattern of many stars', 'waivers:\n  - lints: "*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*x"\n    reason: stars\n'),
    'glob-brackets': ('bracket expressions', 'waivers:\n  - lints: ["[!a-c]*", "[[:lower:]]*.[a-z]*", "der.[", "]"]\n    reason: brackets\n'),
    'expired': ('a waiver that expired in 2000', 'waivers:\n  - lints: "*"\n    reason: old\n    expires: 2000-01-01\n'),
    'expires-bad-dates': ('impossible and odd dates', 'waivers:\n  - {lints: a.b, reason: r, expires: 2026-02-30}\n  - {lints: a.b, reason: r, expires: 0000-01-01}\n  - {lints: a.b, reason: r, expires: 9999-12-31}\n'),
    'expires-formats': ('a timestamp and a number where a date goes', 'waivers:\n  - {lints: a.b, reason: r, expires: 2026-06-30T12:00:00Z}\n  - {lints: a.b, reason: r, expires: 20260630}\n'),
    'serial-forms': ('serial spellings: odd digits, colons, leading zeros, 64 octets', 'waivers:\n  - lints: "*"\n    reason: serials\n    serial: ["abc", "00:00:01", "0x01", "' + 'ff' * 64 + '", "' + 'ff' * 65 + '"]\n'),
    'sha256-bad': ('fingerprints of the wrong length and alphabet', 'waivers:\n  - {lints: "*", reason: r, sha256: "abcd"}\n  - {lints: "*", reason: r, sha256: "' + 'g' * 64 + '"}\n'),
    'input-globs': ('input name globs', 'waivers:\n  - {lints: "*", reason: r, input: ["*", "**/*.pem", "?", "[", "\\\\"]}\n'),
    'reason-missing': ('no reason', 'waivers:\n  - lints: der.integer_not_minimal\n'),
    'reason-empty': ('an empty reason', 'waivers:\n  - {lints: a.b, reason: ""}\n'),
    'lints-empty-list': ('an empty list of lints', 'waivers:\n  - {lints: [], reason: r}\n'),
    'lints-uppercase': ('a lint id that can match nothing', 'waivers:\n  - {lints: DER.X, reason: r}\n'),
    'unknown-key': ('an unknown key', 'waivers:\n  - {lints: a.b, reason: r, until: 2026-01-01}\n'),
    'not-a-list': ('waivers as a mapping', 'waivers:\n  lints: a.b\n  reason: r\n'),
    'top-level-list': ('a list at the top level', '- lints: a.b\n  reason: r\n'),
    'other-top-key': ('another top-level key', 'profile: x\n'),
    'anchors': ('anchors and aliases', 'waivers:\n  - &w\n    lints: &l [der.*]\n    reason: &r shared\n  - <<: *w\n    expires: 2030-01-01\n  - {lints: *l, reason: *r}\n'),
    'alias-fanout': ('nested aliases', 'x: &a [a.b, a.b, a.b, a.b, a.b, a.b, a.b, a.b]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nwaivers:\n  - {lints: *b, reason: r}\n'),
    'json': ('JSON', '{"waivers": [{"lints": ["der.*"], "reason": "json", "expires": "2030-01-01"}]}\n'),
    'nul': ('a NUL character in a reason', 'waivers:\n  - {lints: a.b, reason: "x\\0y"}\n'),
    'many': ('100 waivers', 'waivers:\n' + ''.join('  - {lints: fam%d.lint%d, reason: r%d}\n' % (i % 7, i, i) for i in range(100))),
    'multi-document': ('two documents', 'waivers: []\n---\nwaivers: []\n'),
    'empty': ('an empty file', ''),
    'crlf': ('CRLF line ends and a byte order mark', '\ufeffwaivers:\r\n  - lints: der.*\r\n    reason: crlf\r\n'),
    'tags': ('explicit tags', 'waivers: !!seq\n  - lints: !!str der.x\n    reason: !!binary aGVsbG8=\n    expires: !!timestamp 2026-01-01\n'),
    'deep': ('deep nesting where a scalar goes', 'waivers:\n  - {lints: ' + '[' * 80 + 'a.b' + ']' * 80 + ', reason: r}\n'),
    'long-reason': ('a 3000-character reason', 'waivers:\n  - {lints: a.b, reason: "' + 'r' * 3000 + '"}\n'),
}


def make_waivers():
    F = Folder('fuzz_waivers', 'YAML')
    L = 'LGPL-2.1-or-later'
    src = open(os.path.join(SRC, 'tests/test_waivers.c'), encoding='utf-8').read()
    for i, t in enumerate(c_string_runs(src, lambda t: b'lints' in t or b'waiver' in t or b'- ' in t)):
        F.add('test--test-waivers-c-%02d.yaml' % i, t, '`tests/test_waivers.c`, its %d-th waiver text' % (i + 1), L,
              'a waiver text of the tests (error cases included; `%s` left as it is in format strings)')
    text = open(os.path.join(SRC, 'docs/README-ci-gate.md')).read() if os.path.exists(os.path.join(SRC, 'docs/README-ci-gate.md')) else ''
    for i, m in enumerate(re.finditer(r'```yaml\n(.*?)```', text, re.S)):
        F.add('doc--readme-ci-gate-%02d.yaml' % i, m.group(1), '`docs/README-ci-gate.md`, YAML block %d' % (i + 1), L, 'documentation example')
    for k, (what, body) in sorted(WAIVER_HAND.items()):
        F.add('hand--%s.yaml' % k, body, 'hand-made', L, what)
    F.write('Input kind: a waiver file (YAML or JSON). Every file is at most 4 KiB.')


def main():
    targets = sys.argv[1:] or ['fuzz_profile', 'fuzz_waivers', 'fuzz_csr_der', 'fuzz_tbs_der', 'fuzz_compare']
    make = {'fuzz_profile': make_profile, 'fuzz_waivers': make_waivers, 'fuzz_csr_der': make_csr,
            'fuzz_tbs_der': make_tbs, 'fuzz_compare': make_compare}
    for t in targets:
        make[t]()


if __name__ == '__main__':
    main()
