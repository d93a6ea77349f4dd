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
}
