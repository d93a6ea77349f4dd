//! How figures are written for people: `£16,467,000`, `£16.5m`, `3.1`.

/// Whole pounds with thousands separators: `£16,467,000`, `-£5`.
pub fn pounds(p: i64) -> String {
    let digits = p.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if p < 0 {
        out.push('-');
    }
    out.push('£');
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Pounds in millions to one decimal place for prose: `£16.5m`; below £1m, `£950k`.
pub fn millions(p: i64) -> String {
    let sign = if p < 0 { "-" } else { "" };
    let a = p.unsigned_abs() as f64;
    if a >= 1e6 {
        format!("{sign}£{:.1}m", a / 1e6)
    } else {
        format!("{sign}£{:.0}k", a / 1e3)
    }
}

/// A money-table cell as printed, in the table's own unit: up to three decimal places with
/// trailing zeros dropped, thousands separated: `2.25`, `1.721`, `0`, `2,129,000`, `-0.5`.
pub fn table_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let fixed = format!("{:.3}", v.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let int: i64 = int.parse().unwrap_or(0);
    let grouped = pounds(int).replacen('£', "", 1);
    let sign = if v < 0.0 && (int != 0 || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A DMA score as printed in replies: one decimal place.
pub fn score(s: f64) -> String {
    format!("{s:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pounds_get_separators_and_sign() {
        assert_eq!(pounds(16_467_000), "£16,467,000");
        assert_eq!(pounds(0), "£0");
        assert_eq!(pounds(-5), "-£5");
        assert_eq!(pounds(999), "£999");
        assert_eq!(pounds(1_000), "£1,000");
    }

    #[test]
    fn millions_round_to_one_place() {
        assert_eq!(millions(18_351_000), "£18.4m");
        assert_eq!(millions(950_000), "£950k");
        assert_eq!(score(3.114), "3.1");
    }

    #[test]
    fn table_numbers_keep_printed_precision() {
        assert_eq!(table_number(2.25), "2.25");
        assert_eq!(table_number(1.721), "1.721");
        assert_eq!(table_number(0.0), "0");
        assert_eq!(table_number(2_129_000.0), "2,129,000");
        assert_eq!(table_number(-0.5), "-0.5");
        assert_eq!(table_number(264_116.0), "264,116");
        assert_eq!(table_number(f64::NAN), "");
    }
}
