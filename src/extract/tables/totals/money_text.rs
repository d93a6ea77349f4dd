//! Sums written for people: in the table's unit, to the precision of the printed figures.

use crate::extract::tables::cell::Micro;
use crate::model::MoneyUnit;

/// `micro` micro-pounds written in `unit` with as many decimals as `ulp` (a unit of the last
/// printed digit) needs: "£0.009m", "£4,461,116", "-£1,234k".
pub(crate) fn format_money(micro: Micro, ulp: Micro, unit: MoneyUnit) -> String {
    let per_unit: Micro = match unit {
        MoneyUnit::Pounds => 1_000_000,
        MoneyUnit::Thousands => 1_000_000_000,
        MoneyUnit::Millions => 1_000_000_000_000,
        MoneyUnit::Billions => 1_000_000_000_000_000,
    };
    let mut decimals = 0u32;
    while decimals < 9 && per_unit / 10i128.pow(decimals) > ulp.max(1) {
        decimals += 1;
    }
    let scale = 10i128.pow(decimals);
    let scaled = micro
        .saturating_mul(scale)
        .saturating_add(micro.signum() * per_unit / 2)
        / per_unit;
    let negative = scaled < 0;
    let abs = scaled.unsigned_abs();
    let int_part = abs / scale as u128;
    let frac = abs % scale as u128;
    let digits = int_part.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let number = if decimals > 0 {
        format!("{grouped}.{frac:0width$}", width = decimals as usize)
    } else {
        grouped
    };
    let suffix = match unit {
        MoneyUnit::Pounds => "",
        MoneyUnit::Thousands => "k",
        MoneyUnit::Millions => "m",
        MoneyUnit::Billions => "bn",
    };
    format!("{}£{number}{suffix}", if negative { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_to_the_printed_precision() {
        let m = 1_000_000_000_000; // micro-pounds in £1m
        assert_eq!(
            format_money(9 * m / 1000, m / 1000, MoneyUnit::Millions),
            "£0.009m"
        );
        assert_eq!(format_money(0, m / 1000, MoneyUnit::Millions), "£0.000m");
        assert_eq!(
            format_money(4_461_116_000_000, 1_000_000, MoneyUnit::Pounds),
            "£4,461,116"
        );
        assert_eq!(
            format_money(-1_234_000_000_000, 1_000_000_000, MoneyUnit::Thousands),
            "-£1,234k"
        );
    }
}
