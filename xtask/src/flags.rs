//! `--name value` options with numeric values, for the commands that take a few of them.

/// Parses `args` as `--name value` pairs where every name is one of `names` and every value a
/// non-negative integer. Returns the values in the order of `names` (`None` when not given).
pub(crate) fn numeric(
    command: &str,
    args: &[String],
    names: &[&str],
) -> Result<Vec<Option<u64>>, String> {
    let mut values = vec![None; names.len()];
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let Some(slot) = names.iter().position(|n| *n == arg.as_str()) else {
            return Err(format!(
                "{command}: unknown argument `{arg}` (options: {})",
                names.join(", ")
            ));
        };
        let value = iter
            .next()
            .ok_or_else(|| format!("{command}: {arg} needs a number"))?;
        let number = value
            .replace('_', "")
            .parse::<u64>()
            .map_err(|_| format!("{command}: {arg}: `{value}` is not a non-negative integer"))?;
        values[slot] = Some(number);
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::numeric;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn reads_known_options_in_any_order() {
        let got = numeric(
            "soak",
            &strings(&["--seed", "7", "--payments", "10_000"]),
            &["--payments", "--seed"],
        )
        .unwrap();
        assert_eq!(got, vec![Some(10_000), Some(7)]);
        assert_eq!(numeric("soak", &[], &["--payments"]).unwrap(), vec![None]);
    }

    #[test]
    fn refuses_unknown_options_missing_and_bad_values() {
        let names = &["--payments"];
        assert!(numeric("soak", &strings(&["--pay", "1"]), names).is_err());
        assert!(numeric("soak", &strings(&["--payments"]), names).is_err());
        assert!(numeric("soak", &strings(&["--payments", "-1"]), names).is_err());
        assert!(numeric("soak", &strings(&["--payments", "ten"]), names).is_err());
    }
}
