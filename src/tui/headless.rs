//! The same App, headless: loads synchronously, replays keys, draws on ratatui's `TestBackend`
//! and returns the screen as text. `duet render`, the snapshot tests and the benches use it.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::action::Action;
use super::app::{App, update};
use super::config::Config;
use super::keymap::Key;
use super::loader;
use super::theme::Theme;
use super::view::{dump, view};

/// Build an app of the given size and load `paths` into it, in order, on this thread.
pub fn app_with(paths: &[PathBuf], width: u16, height: u16, config: Config, no_color: bool) -> App {
    let theme = Theme::new(&config.colors, config.ambiguous, no_color);
    let mut app = App::new(config, theme, width, height);
    let (found, errors) = loader::discover(paths);
    for e in errors {
        update(&mut app, Action::DiscoverFailed(e));
    }
    update(&mut app, Action::Discovered(found.clone()));
    for (i, p) in found.iter().enumerate() {
        update(
            &mut app,
            Action::Loaded(i, Box::new(loader::load_caught(p))),
        );
    }
    app
}

/// Parse `"j j Enter"`, `"<Tab> G"`, `"C-d"` into keys.
pub fn parse_keys(keys: &str) -> Result<Vec<Key>, String> {
    keys.split_whitespace().map(Key::parse).collect()
}

/// Replay keys through the keymap, as the terminal loop would.
pub fn press(app: &mut App, keys: &[Key]) {
    for k in keys {
        if let Some(a) = app.config.keymap.action_for(*k) {
            update(app, a);
        }
        if app.quit {
            break;
        }
    }
}

/// Draw one frame on a `TestBackend` the app's size.
pub fn draw(app: &App) -> Buffer {
    let backend = TestBackend::new(app.width, app.height);
    match Terminal::new(backend) {
        Ok(mut t) => {
            let _ = t.draw(|f| view(app, f));
            t.backend().buffer().clone()
        }
        Err(_) => Buffer::empty(ratatui::layout::Rect::new(0, 0, app.width, app.height)),
    }
}

/// The screen as text after loading `paths` and replaying `keys`.
pub fn render(
    paths: &[PathBuf],
    width: u16,
    height: u16,
    keys: &str,
    config: Config,
) -> Result<String, String> {
    let keys = parse_keys(keys)?;
    let mut app = app_with(paths, width, height, config, true);
    press(&mut app, &keys);
    Ok(dump(&draw(&app)))
}
