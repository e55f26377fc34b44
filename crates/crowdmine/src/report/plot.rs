//! The report's plots as SVG strings, drawn with `plotters` (SVG backend; text measured with the
//! embedded DejaVu Sans, so no system font library is needed and the layout is the same
//! everywhere).

use plotters::prelude::*;
use std::sync::Once;

static FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");
const WIDTH: u32 = 900;
const HEIGHT: u32 = 340;
/// Series colours (Okabe–Ito, readable with colour-blindness).
const COLOURS: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
];

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is ours and valid; a failure would only leave labels unmeasured.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// A plot that could not be drawn (plotters reports layout errors, e.g. an empty range).
#[derive(Debug, thiserror::Error)]
#[error("plot: {0}")]
pub struct PlotError(String);

/// The legend, in the upper right corner on a translucent white box.
fn draw_legend<'a, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'a, SVGBackend<'a>, Cartesian2d<X, Y>>,
) -> Result<(), PlotError> {
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font(("sans-serif", 13))
        .draw()
        .map_err(err)
}

/// A line's key in the legend: a short stroke of its colour.
fn line_key(x: i32, y: i32, colour: RGBColor) -> PathElement<(i32, i32)> {
    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
}

fn err<E: std::fmt::Debug>(e: E) -> PlotError {
    PlotError(format!("{e:?}"))
}

/// One named series of (x, y) points.
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

/// Lines over time: x in Unix seconds, labelled by `x_label` (e.g. "2021-06-26 19:30"); y
/// from zero, or from the lowest value when it is negative.
pub fn time_lines(
    series: &[Series],
    x_label: &dyn Fn(f64) -> String,
    x_desc: &str,
    y_desc: &str,
) -> Result<String, PlotError> {
    register_font();
    let xs = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (x0, x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
        (a.min(x), b.max(x))
    });
    let (x0, x1) = if x0.is_finite() && x1 > x0 {
        (x0, x1)
    } else if x0.is_finite() {
        (x0 - 1.0, x0 + 1.0)
    } else {
        (0.0, 1.0)
    };
    // From zero (or the lowest value, when negative) to the highest, with a margin.
    let ys = series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
    let (lo, hi) = ys.fold((0.0f64, 0.0f64), |(a, b), y| (a.min(y), b.max(y)));
    let pad = 0.05 * (hi - lo).max(1e-9);
    let (y0, y1) = if hi - lo < 1e-12 {
        (lo.min(0.0), lo.max(0.0) + 1.0)
    } else {
        (if lo < 0.0 { lo - pad } else { 0.0 }, hi + pad)
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(42)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|x| x_label(*x))
            .y_label_formatter(&|y| short_number(*y))
            .x_desc(x_desc)
            .y_desc(y_desc)
            .label_style(("sans-serif", 13))
            .axis_desc_style(("sans-serif", 14))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(err)?;
        for (i, s) in series.iter().enumerate() {
            let colour = COLOURS[i % COLOURS.len()];
            chart
                .draw_series(LineSeries::new(
                    s.points.iter().copied(),
                    colour.stroke_width(2),
                ))
                .map_err(err)?
                .label(s.name.clone())
                .legend(move |(x, y)| line_key(x, y, colour));
        }
        draw_legend(&mut chart)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// A distribution on log–log axes: points (value ≥ 1, share > 0), with an optional fitted line
/// (from x_min up) named in the legend.
pub fn log_log(
    points: &[(f64, f64)],
    fit: Option<(String, Vec<(f64, f64)>)>,
    x_desc: &str,
    y_desc: &str,
) -> Result<String, PlotError> {
    register_font();
    let pts: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|&(x, y)| x >= 1.0 && y > 0.0)
        .collect();
    let x1 = pts.iter().map(|p| p.0).fold(1.0f64, f64::max) * 1.5;
    let y0 = pts.iter().map(|p| p.1).fold(1.0f64, f64::min) / 1.5;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(42)
            .y_label_area_size(64)
            .build_cartesian_2d((1.0..x1).log_scale(), (y0..1.0).log_scale())
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(y_desc)
            .x_label_formatter(&|x| short_number(*x))
            .y_label_formatter(&|y| format!("{y:.0e}"))
            .label_style(("sans-serif", 13))
            .axis_desc_style(("sans-serif", 14))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(err)?;
        let colour = COLOURS[0];
        chart
            .draw_series(
                pts.iter()
                    .map(|&(x, y)| Circle::new((x, y), 3, colour.mix(0.8).filled())),
            )
            .map_err(err)?
            .label("observed")
            .legend(move |(x, y)| Circle::new((x + 8, y), 3, colour.filled()));
        if let Some((name, line)) = fit {
            let c = COLOURS[5];
            chart
                .draw_series(LineSeries::new(
                    line.into_iter().filter(|&(x, y)| x >= 1.0 && y >= y0),
                    c.stroke_width(2),
                ))
                .map_err(err)?
                .label(name)
                .legend(move |(x, y)| line_key(x, y, c));
        }
        draw_legend(&mut chart)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// 1500 → "1.5k", 2000000 → "2M", 0.25 → "0.25".
pub fn short_number(x: f64) -> String {
    let a = x.abs();
    let (v, unit) = if a >= 1e6 {
        (x / 1e6, "M")
    } else if a >= 1e3 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    let s = if v.fract().abs() < 1e-9 || v.abs() >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    format!("{s}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plots_are_svg_with_their_labels() {
        let s = Series {
            name: "posts".into(),
            points: vec![(0.0, 1.0), (3600.0, 5.0), (7200.0, 2.0)],
        };
        let svg = time_lines(&[s], &|x| format!("t{x}"), "time", "posts per hour").expect("plot");
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("posts per hour"));
        assert!(svg.contains(">\nposts\n</text>"), "{svg}");
        let svg = log_log(
            &[(1.0, 0.5), (2.0, 0.25), (4.0, 0.125)],
            Some(("power law".into(), vec![(1.0, 0.5), (4.0, 0.125)])),
            "degree",
            "share",
        )
        .expect("plot");
        assert!(svg.contains("power law"));
    }

    #[test]
    fn an_empty_series_still_draws() {
        let svg = time_lines(&[], &|x| x.to_string(), "t", "n").expect("plot");
        assert!(svg.contains("<svg"));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(short_number(1500.0), "1.5k");
        assert_eq!(short_number(2e6), "2M");
        assert_eq!(short_number(12.0), "12");
    }
}
