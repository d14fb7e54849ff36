//! The frame every page shares (header, navigation, footer), the landing page and
//! the error page.
pub mod error_page;
pub mod forms;
pub mod home;
pub mod layout;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod stash;
