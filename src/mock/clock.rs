//! Time: real time for the gateway's timestamp checks and token buckets, a virtual clock per
//! account for the job workflow and token expiry.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now, in real time.
pub fn real_now() -> i64 {
    unix_seconds(SystemTime::now())
}

fn unix_seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// A per-account clock that follows real time plus an offset the control API advances.
#[derive(Debug, Clone, Default)]
pub struct VirtualClock {
    offset: Duration,
}

impl VirtualClock {
    /// The virtual time, in Unix seconds.
    pub fn now(&self) -> i64 {
        real_now().saturating_add(i64::try_from(self.offset.as_secs()).unwrap_or(i64::MAX))
    }

    /// Move the clock forward.
    pub fn advance(&mut self, by: Duration) {
        self.offset = self.offset.saturating_add(by);
    }
}

/// Parse `yyyy-MM-ddTHH:mm:ssZ` into Unix seconds.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    let parsed = time::PrimitiveDateTime::parse(text, &format).ok()?;
    Some(parsed.assume_utc().unix_timestamp())
}

/// Format Unix seconds as `yyyy-MM-ddTHH:mm:ssZ`.
pub fn format_timestamp(unix: i64) -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_and_reject_other_shapes() {
        assert_eq!(parse_timestamp("2016-02-23T12:46:24Z"), Some(1_456_231_584));
        assert_eq!(format_timestamp(1_456_231_584), "2016-02-23T12:46:24Z");
        for bad in [
            "",
            "2016-02-23 12:46:24",
            "2016-02-23T12:46:24",
            "mock date",
            "2016-13-01T00:00:00Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn advancing_the_clock_moves_it_forward() {
        let mut clock = VirtualClock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clock.now() >= before + 3600);
    }
}
