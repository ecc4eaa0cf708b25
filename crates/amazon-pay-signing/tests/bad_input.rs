//! The bad-input catalogue of the signing crate (docs/reliability.md): every entry is refused
//! with its typed error, never a panic, and no error repeats secret material.

mod common;

use std::str::FromStr;

use amazon_pay_signing::{
    Algorithm, Environment, Error, PrivateKey, PublicKeyId, Region, SignableRequest, SigningParams,
    sign,
};

fn params() -> SigningParams {
    SigningParams::new(
        Region::Na,
        PublicKeyId::new("SANDBOX-AEXAMPLEKEYID0000000000").expect("id"),
        Algorithm::V2,
        common::fixed_time(),
    )
}

#[test]
fn malformed_keys_are_invalid_key_errors() {
    let pem = common::data_text("test-rsa2048-pkcs8.pem");
    let body: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let truncated = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        body[..body.len() / 2].join("\n")
    );
    let corrupted = pem.replacen(&body[3][..8], "AAAAAAAA", 1);
    let cases: [(&str, &[u8]); 6] = [
        ("empty", b""),
        ("whitespace", b"   \n\t"),
        ("truncated PEM", truncated.as_bytes()),
        ("corrupted PEM body", corrupted.as_bytes()),
        ("no PEM armour", b"MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
        (
            "random bytes",
            &[0x30, 0x82, 0xff, 0xff, 0x02, 0x01, 0x00, 0x13],
        ),
    ];
    for (label, input) in cases {
        let err = match std::str::from_utf8(input) {
            Ok(text) => PrivateKey::from_pem(text).expect_err(label),
            Err(_) => PrivateKey::from_der(input).expect_err(label),
        };
        assert!(
            matches!(
                err,
                Error::InvalidKey { .. } | Error::UnsupportedKeyAlgorithm { .. }
            ),
            "{label}: {err:?}"
        );
        let message = err.to_string();
        assert!(!message.contains(&body[3][..16]), "{label}: {message}");
    }
    let der_garbage = PrivateKey::from_der(&[0u8; 64]).expect_err("zero bytes");
    assert!(
        matches!(der_garbage, Error::InvalidKey { .. }),
        "{der_garbage:?}"
    );
}

#[test]
fn openssh_ec_and_small_keys_say_what_to_do() {
    let openssh = PrivateKey::from_pem(&common::data_text("test-openssh.key")).expect_err("ssh");
    assert!(matches!(openssh, Error::OpenSshKey), "{openssh:?}");
    assert!(openssh.to_string().contains("ssh-keygen"));
    for file in ["test-ec-pkcs8.pem", "test-ec-sec1.pem"] {
        let ec = PrivateKey::from_pem(&common::data_text(file)).expect_err(file);
        assert!(matches!(ec, Error::EcKey), "{file}: {ec:?}");
    }
    let small = PrivateKey::from_pem(&common::data_text("test-rsa1024.pem")).expect_err("1024");
    assert!(
        matches!(small, Error::KeyTooSmall { bits: 1024 }),
        "{small:?}"
    );
    let certificate =
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
    assert!(PrivateKey::from_pem(certificate).is_err());
}

#[test]
fn unknown_regions_and_environments_are_refused() {
    for bad in ["", "mars", "us-east-1", "na ", "e u", "fe", "nа"] {
        let err = Region::from_str(bad).expect_err(bad);
        assert!(matches!(err, Error::UnknownRegion(_)), "{bad:?}: {err:?}");
    }
    for good in ["NA", "us", "De", "uk", "JP"] {
        assert!(Region::from_str(good).is_ok(), "{good}");
    }
    for bad in ["", "production", "prod", "sand box", "test"] {
        let err = Environment::from_str(bad).expect_err(bad);
        assert!(
            matches!(err, Error::UnknownEnvironment(_)),
            "{bad:?}: {err:?}"
        );
    }
    for bad in ["", " ", "key id", "id\r\nx", "id,x", "id=x"] {
        let err = PublicKeyId::new(bad).expect_err(bad);
        assert!(
            matches!(err, Error::InvalidPublicKeyId { .. }),
            "{bad:?}: {err:?}"
        );
    }
}

/// A key id that is only a prefix names no key, and one with non-ASCII characters cannot be
/// sent in an `authorization` header: both are refused when parsed, not by the service.
#[test]
fn key_ids_that_can_never_be_sent_are_refused() {
    for bad in ["SANDBOX-", "LIVE-", "sandbox-", "ключ", "KEY\u{a0}ID"] {
        let err = PublicKeyId::new(bad).expect_err(bad);
        assert!(
            matches!(err, Error::InvalidPublicKeyId { .. }),
            "{bad:?}: {err:?}"
        );
    }
}

#[test]
fn header_values_with_cr_or_lf_are_never_signed() {
    let key = common::test_key();
    for value in ["a\r\nx-injected: 1", "a\nb", "a\rb", "a\0b"] {
        let headers = [("x-amz-pay-idempotency-key", value)];
        let request = SignableRequest::new("POST", "/v2/charges").with_headers(&headers);
        let err = sign(&request, &params(), &key).expect_err("control characters");
        match &err {
            Error::InvalidHeader { name, .. } => assert_eq!(name, "x-amz-pay-idempotency-key"),
            other => panic!("{value:?}: {other:?}"),
        }
        assert!(!err.to_string().contains("injected"), "{err}");
    }
    let bad_name = [("x-amz-pay-bad\r\nname", "v")];
    let request = SignableRequest::new("POST", "/v2/charges").with_headers(&bad_name);
    assert!(matches!(
        sign(&request, &params(), &key),
        Err(Error::InvalidHeader { .. })
    ));
}

#[test]
fn paths_that_would_change_meaning_and_bad_methods_are_refused() {
    let key = common::test_key();
    for path in ["/v2/charges/../refunds", "/v2/./charges", "/v2/charges/.."] {
        let err = sign(&SignableRequest::new("GET", path), &params(), &key).expect_err(path);
        assert!(
            matches!(err, Error::InvalidPath { .. }),
            "{path:?}: {err:?}"
        );
    }
    let encoded = sign(
        &SignableRequest::new("GET", "/v2/a\r\nb?c"),
        &params(),
        &key,
    )
    .expect("control characters in a path are percent-encoded");
    assert!(
        encoded
            .canonical_request()
            .starts_with("GET\n/v2/a%0D%0Ab%3Fc\n"),
        "{}",
        encoded.canonical_request()
    );
    for method in ["", "get", "GE T", "POST\r\n"] {
        let err = sign(
            &SignableRequest::new(method, "/v2/charges"),
            &params(),
            &key,
        )
        .expect_err(method);
        assert!(
            matches!(err, Error::InvalidMethod(_)),
            "{method:?}: {err:?}"
        );
    }
}

#[test]
fn hosts_with_scheme_port_or_path_are_refused() {
    let key = common::test_key();
    for host in [
        "",
        "https://pay-api.amazon.com",
        "pay-api.amazon.com:443",
        "a/b",
        "a\r\nb",
        "[::1]:8443",
        "::1",
        "[::1",
        "[not-an-ip]",
        "[fe80::1%25eth0]",
        "[127.0.0.1]",
    ] {
        let mut p = params();
        p.host = host.to_owned();
        let err = sign(&SignableRequest::new("GET", "/v2/charges"), &p, &key).expect_err(host);
        assert!(matches!(err, Error::InvalidHost(_)), "{host:?}: {err:?}");
    }
    // An IPv6 literal is a host as it appears in a URL: in brackets.
    for host in ["[::1]", "[2001:db8::8443]"] {
        let mut p = params();
        p.host = host.to_owned();
        sign(&SignableRequest::new("GET", "/v2/charges"), &p, &key).expect(host);
    }
}

/// Key files laid out differently: each is accepted when `openssl pkey` 3.0 reads it, and
/// otherwise refused with a reason that says what is wrong with the layout.
#[test]
fn pem_layouts_openssl_reads_load_and_the_others_say_what_is_wrong() {
    let pem = common::data_text("test-rsa2048-pkcs8.pem");
    let lines: Vec<&str> = pem.lines().collect();
    let (begin, end) = (lines[0], lines[lines.len() - 1]);
    let body = &lines[1..lines.len() - 1];
    let around = |body: String| format!("{begin}\n{body}\n{end}\n");
    let expected = PrivateKey::from_pem(&pem).expect("the key").public_key();

    let accepted = [
        (
            "text after the END line",
            format!("{pem}comment: from the vault\n"),
        ),
        (
            "a second block after the END line",
            format!("{pem}-----BEGIN JUNK-----\n"),
        ),
        (
            "indented body lines",
            around(
                body.iter()
                    .map(|l| format!("    {l}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        ),
        (
            "tab-indented body lines",
            around(
                body.iter()
                    .map(|l| format!("\t{l}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        ),
        (
            "spaces after every line",
            pem.lines().map(|l| format!("{l}  \n")).collect(),
        ),
        ("the body on one line", around(body.concat())),
        ("CRLF line ends", pem.replace('\n', "\r\n")),
        (
            "a blank line after BEGIN",
            around(format!("\n{}", body.join("\n"))),
        ),
        ("no final line break", pem.trim_end().to_owned()),
    ];
    for (what, text) in accepted {
        let key = PrivateKey::from_pem(&text).unwrap_or_else(|err| panic!("{what}: {err}"));
        assert_eq!(key.public_key(), expected, "{what}");
    }

    let refused = [
        (
            "indented BEGIN line",
            pem.lines().map(|l| format!("  {l}\n")).collect::<String>(),
            "-----BEGIN line does not start the line",
        ),
        (
            "no line breaks at all",
            pem.replace('\n', ""),
            "needs line breaks",
        ),
        (
            "blank line inside the body",
            around(format!(
                "{}\n\n{}",
                body[..3].join("\n"),
                body[3..].join("\n")
            )),
            "blank line interrupts the base64 body",
        ),
        (
            "indented END line",
            format!("{begin}\n{}\n  {end}\n", body.join("\n")),
            "-----END line is indented",
        ),
        (
            "END of another label",
            format!(
                "{begin}\n{}\n-----END RSA PRIVATE KEY-----\n",
                body.join("\n")
            ),
            "does not name the label",
        ),
        (
            "no END line",
            format!("{begin}\n{}\n", body.join("\n")),
            "-----END line is missing",
        ),
        (
            "a character outside base64",
            around(body.join("\n").replacen('A', "*", 1)),
            "base64 body is damaged",
        ),
        ("no body", format!("{begin}\n{end}\n"), "no base64 body"),
    ];
    for (what, text, reason) in refused {
        match PrivateKey::from_pem(&text) {
            Err(Error::InvalidKey { reason: found }) => {
                assert!(found.contains(reason), "{what}: {found}")
            }
            other => panic!("{what}: {other:?}"),
        }
    }
}
