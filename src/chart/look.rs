//! How every chart looks on this screen: light or dark, animated or still, and always with
//! ECharts' accessibility on (ARIA description and decal patterns, so series are told apart by
//! texture as well as by colour). Applied last, to the finished option, so chart builders stay
//! about data.

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
    if let Some(obj) = o.as_object_mut() {
        obj.insert("animation".into(), json!(!look.reduced_motion));
        obj.insert(
            "aria".into(),
            json!({"enabled": true, "decal": {"show": true}}),
        );
        // The page's panel colour shows through, in both themes.
        obj.insert("backgroundColor".into(), json!("transparent"));
        if let Some(tooltip) = obj.get_mut("tooltip").and_then(Value::as_object_mut) {
            // Keep tooltips inside the chart on narrow screens.
            tooltip.insert("confine".into(), json!(true));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduced_motion_turns_animation_off_and_aria_is_always_on() {
        let base = json!({"series": [], "tooltip": {"trigger": "axis"}});
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
        assert_eq!(still["backgroundColor"], json!("transparent"));
        let moving = finish(&base, Look::default());
        assert_eq!(moving["animation"], json!(true));
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
