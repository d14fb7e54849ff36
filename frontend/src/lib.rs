//! The browser entry point. Pages are server HTML; only `#[island]` components
//! (defined in `app`) ship to the browser and hydrate here.

// Links the app crate so its islands' exported hydration functions are in the bundle.
pub use app::competitions::countdown::Countdown as _CountdownIsland;
pub use app::organizations::picker::OrganizationPicker as _OrganizationPickerIsland;
pub use app::proposals::autosave::ProposalAutosave as _ProposalAutosaveIsland;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
