//! Timestamps: basic and extended forms read, basic form written, bad input rejected.

use amazon_pay_types::{DisputeTimestamp, Timestamp, TimestampError, from_json_str};

#[test]
fn reads_both_forms_writes_basic() {
    let cases = [
        ("20191015T195655Z", "20191015T195655Z"),
        ("2019-10-15T19:56:55Z", "20191015T195655Z"),
        ("2024-01-02T03:04:05.678Z", "20240102T030405Z"),
        ("2024-01-02T05:04:05+02:00", "20240102T030405Z"),
        ("2024-01-01T23:30:00-01:00", "20240102T003000Z"),
        ("20240229T000000Z", "20240229T000000Z"),
    ];
    for (input, basic) in cases {
        let t = Timestamp::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(t.to_string(), basic, "{input}");
    }
    let t = Timestamp::parse("20191015T195655Z").unwrap();
    assert_eq!(t.to_extended_string(), "2019-10-15T19:56:55Z");
    assert_eq!(t.unix_seconds(), 1_571_169_415);
    assert_eq!(Timestamp::from_unix_seconds(1_571_169_415).unwrap(), t);
    assert_eq!(
        t.checked_add_seconds(86_400).unwrap().to_string(),
        "20191016T195655Z"
    );
}

#[test]
fn rejects_malformed_with_clear_errors() {
    let format = [
        "",
        "2019101T195655Z",
        "20191015 195655Z",
        "20191015T195655",
        "20191015T1956550Z",
        "2019-10-15 19:56:55Z",
        "2019-10-15T19:56:55",
        "2019-10-15T19:56:55.Z",
        "2019-10-15T19:56:55+0200",
        "2019-10-15",
        "abcdefghTijklmnZ",
        "20191015T19565xZ",
    ];
    for input in format {
        match Timestamp::parse(input) {
            Err(TimestampError::Format(s)) => assert_eq!(s, input),
            other => panic!("{input:?}: {other:?}"),
        }
    }
    for input in [
        "20191315T195655Z",
        "20190230T000000Z",
        "20191015T255655Z",
        "20191015T196055Z",
        "2019-10-15T19:56:55+25:00",
    ] {
        assert!(
            matches!(Timestamp::parse(input), Err(TimestampError::OutOfRange(_))),
            "{input}"
        );
    }
    let message = Timestamp::parse("2019-10-15").unwrap_err().to_string();
    assert!(message.contains("YYYYMMDDTHHMMSSZ"), "{message}");
}

#[test]
fn serde_and_decode_path() {
    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Holder {
        at: Timestamp,
    }
    let h: Holder = from_json_str(r#"{"at":"2019-10-15T19:56:55Z"}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&h).unwrap(),
        r#"{"at":"20191015T195655Z"}"#
    );
    let err = from_json_str::<Holder>(r#"{"at":"yesterday"}"#).unwrap_err();
    assert_eq!(err.path(), "at");
    let err = from_json_str::<Holder>(r#"{"at":20191015}"#).unwrap_err();
    assert_eq!(err.path(), "at");
}

#[test]
fn dispute_timestamps_read_epochs_numeric_strings_and_iso_dates() {
    // Epoch integers are kept exactly as sent and written back as numbers.
    let e: DisputeTimestamp = serde_json::from_str("1704164645").unwrap();
    assert_eq!(e.epoch(), Some(1_704_164_645));
    assert_eq!(e.as_seconds().unwrap().to_string(), "20240102T030405Z");
    assert_eq!(
        DisputeTimestamp::Epoch(1_704_164_645_000)
            .as_milliseconds()
            .unwrap()
            .to_string(),
        "20240102T030405Z"
    );
    assert_eq!(serde_json::to_string(&e).unwrap(), "1704164645");
    // A numeric string is the same epoch (the rule used to refuse it);
    // it is written back in the canonical form, a JSON number.
    let s: DisputeTimestamp = serde_json::from_str("\"1704164645\"").unwrap();
    assert_eq!(s, e);
    assert_eq!(serde_json::to_string(&s).unwrap(), "1704164645");
    // The field tables document ISO 8601 date-times: both forms are read.
    for text in ["\"2024-01-02T03:04:05Z\"", "\"20240102T030405Z\""] {
        let d: DisputeTimestamp = serde_json::from_str(text).unwrap();
        assert_eq!(d.epoch(), None);
        assert_eq!(d.as_seconds().unwrap().to_string(), "20240102T030405Z");
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            "\"2024-01-02T03:04:05Z\""
        );
    }
    // Anything else still fails.
    for bad in [
        "\"yesterday\"",
        "1.5",
        "true",
        "null",
        "18446744073709551615",
    ] {
        assert!(
            serde_json::from_str::<DisputeTimestamp>(bad).is_err(),
            "{bad}"
        );
    }
}
