//! The picture as PNG: the SVG of [`super::Svg`] rasterised by resvg (pure Rust), with the
//! system's fonts for the labels.
//!
//! The SVG asks for Helvetica or Arial, then any sans-serif face; where neither named face is
//! installed (most Linux machines), the generic sans-serif family is pointed at the first
//! installed face whose family name says "Sans" (DejaVu Sans, Liberation Sans, Noto Sans, …).

use crate::error::{Error, Result};

/// A rasterised picture.
#[derive(Debug, Clone)]
pub struct Png {
    /// The PNG file's bytes.
    pub bytes: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// How many font faces were available for the labels (0: the picture has no text).
    pub fonts: usize,
}

/// Rasterises an SVG document at its own size.
///
/// # Errors
/// [`Error::Png`] when the SVG does not parse, has no area, or the PNG cannot be encoded, or
/// when this build has no PNG support (the `png` feature, on by default).
#[cfg(feature = "png")]
pub fn rasterise(svg: &str) -> Result<Png> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options::default();
    let db = options.fontdb_mut();
    db.load_system_fonts();
    let sans = db
        .faces()
        .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
        .filter(|name| name.contains("Sans") && !name.contains("Mono"))
        .min();
    if let Some(family) = sans {
        db.set_sans_serif_family(family.clone());
        options.font_family = family;
    }
    let fonts = options.fontdb.len();
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| Error::Png(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::Png(format!("picture has no area ({}x{})", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let bytes = pixmap.encode_png().map_err(|e| Error::Png(e.to_string()))?;
    Ok(Png { bytes, width: size.width(), height: size.height(), fonts })
}

/// Rasterises an SVG document at its own size.
///
/// # Errors
/// Always: this build has no PNG support (build with the `png` feature, on by default).
#[cfg(not(feature = "png"))]
pub fn rasterise(_svg: &str) -> Result<Png> {
    Err(Error::Png("this actorgraph was built without the png feature; convert the SVG with rsvg-convert".into()))
}

#[cfg(all(test, feature = "png"))]
mod tests {
    use super::*;

    #[test]
    fn a_small_svg_becomes_a_png_of_its_size() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#ff0000"/></svg>"##;
        let png = rasterise(svg).expect("rasterises");
        assert_eq!((png.width, png.height), (40, 30));
        assert!(png.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    }

    #[test]
    fn bad_svg_is_an_error_not_a_panic() {
        assert!(rasterise("<svg").is_err());
        assert!(rasterise(r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>"#).is_err());
    }
}
