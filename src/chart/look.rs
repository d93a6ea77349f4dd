//! How every chart looks on this screen: light or dark, animated or still, and always with
//! ECharts' accessibility on (ARIA description and decal patterns, so series are told apart by
//! texture as well as by colour). Applied last, to the finished option, so chart builders stay
//! about data.

use super::palette;
use serde_json::{json, Value};

/// The reader's display preferences (from `prefers-color-scheme` and `prefers-reduced-motion`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Look {
    pub dark: bool,
    pub reduced_motion: bool,
}

impl Look {
    /// The ECharts theme to initialise charts with (`"dark"` is built into ECharts).
    pub fn theme(self) -> Option<&'static str> {
        self.dark.then_some("dark")
    }
}

/// `option` ready for ECharts on this screen.
pub fn finish(option: &Value, look: Look) -> Value {
    let mut o = option.clone();
    if look.dark {
        // Okabe–Ito blue is too dark to read on a dark background; its sky blue is not. The two
        // trade places, so a palette that uses both still has distinct colours.
        swap_colours(&mut o, palette::OKABE_ITO[0], palette::OKABE_ITO[4]);
    }
    // A responsive option keeps its settings in `baseOption` (see `chart::responsive`).
    let target = if o.get("baseOption").is_some() {
        &mut o["baseOption"]
    } else {
        &mut o
    };
    if let Some(obj) = target.as_object_mut() {
        obj.insert("animation".into(), json!(!look.reduced_motion));
        // Decal patterns tell stacked or grouped bars apart without colour; on box plots,
        // strips and radar areas they only add clutter.
        let has_bars = obj
            .get("series")
            .and_then(Value::as_array)
            .is_some_and(|s| s.iter().any(|s| s["type"] == "bar"));
        obj.insert(
            "aria".into(),
            json!({"enabled": true, "decal": {"show": has_bars}}),
        );
        // The page's panel colour shows through, in both themes.
        obj.insert("backgroundColor".into(), json!("transparent"));
        if let Some(tooltip) = obj.get_mut("tooltip").and_then(Value::as_object_mut) {
            // Keep tooltips inside the chart on narrow screens.
            tooltip.insert("confine".into(), json!(true));
            // Drawn on the canvas, not as HTML: ECharts' HTML tooltips carry inline `style`
            // attributes, which the page's Content-Security-Policy (rightly) refuses.
            tooltip.insert("renderMode".into(), json!("richText"));
        }
    }
    o
}

/// Exchange the colours `a` and `b` everywhere in `v`.
fn swap_colours(v: &mut Value, a: &str, b: &str) {
    match v {
        Value::String(s) if s.eq_ignore_ascii_case(a) => *s = b.to_string(),
        Value::String(s) if s.eq_ignore_ascii_case(b) => *s = a.to_string(),
        Value::Array(items) => items.iter_mut().for_each(|i| swap_colours(i, a, b)),
        Value::Object(map) => map.values_mut().for_each(|i| swap_colours(i, a, b)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn still_look() -> Look {
        Look {
            dark: false,
            reduced_motion: true,
        }
    }

    #[test]
    fn reduced_motion_turns_animation_off_and_aria_is_always_on() {
        let base = json!({"series": [{"type": "bar"}], "tooltip": {"trigger": "axis"}});
        let still = finish(
            &base,
            Look {
                dark: true,
                reduced_motion: true,
            },
        );
        assert_eq!(still["animation"], json!(false));
        assert_eq!(still["aria"]["enabled"], json!(true));
        assert_eq!(still["aria"]["decal"]["show"], json!(true));
        assert_eq!(still["tooltip"]["confine"], json!(true));
        assert_eq!(still["tooltip"]["renderMode"], "richText");
        assert_eq!(still["backgroundColor"], json!("transparent"));
        let blue = json!({"color": ["#0072B2", "#E69F00", "#56B4E9"], "series": [{"itemStyle": {"color": "#0072B2"}}]});
        let dark = finish(
            &blue,
            Look {
                dark: true,
                reduced_motion: false,
            },
        );
        assert_eq!(dark["color"], json!(["#56B4E9", "#E69F00", "#0072B2"]));
        assert_eq!(dark["series"][0]["itemStyle"]["color"], "#56B4E9");
        assert_eq!(finish(&blue, Look::default())["color"][0], "#0072B2");
        let moving = finish(&base, Look::default());
        assert_eq!(moving["animation"], json!(true));
        let radar = finish(&json!({"series": [{"type": "radar"}]}), Look::default());
        assert_eq!(radar["aria"]["enabled"], json!(true));
        assert_eq!(radar["aria"]["decal"]["show"], json!(false));
        let responsive = finish(
            &crate::chart::responsive(json!({"series": []}), json!({})),
            still_look(),
        );
        assert_eq!(responsive["baseOption"]["animation"], json!(false));
        assert!(responsive.get("animation").is_none());
        assert_eq!(Look::default().theme(), None);
        assert_eq!(
            Look {
                dark: true,
                reduced_motion: false
            }
            .theme(),
            Some("dark")
        );
    }
}
