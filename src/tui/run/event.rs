//! The one event channel: an input thread forwarding raw key presses, mouse and resize (keys are
//! looked up by mode in `update`, not here); a signal thread turning SIGTERM/SIGHUP/SIGINT into a
//! clean quit; workers' results; a tick.

use std::sync::mpsc::Sender;
use std::thread;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::tui::action::{Action, MouseAction};
use crate::tui::keys::key::Key;

/// What a terminal event means to the app (`None`: ignored, e.g. key releases).
pub fn translate(ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => Some(Action::Key(Key::from_event(k))),
        Event::Mouse(m) => {
            let (column, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollDown => {
                    Some(Action::Mouse(MouseAction::ScrollDown { column, row }))
                }
                MouseEventKind::ScrollUp => {
                    Some(Action::Mouse(MouseAction::ScrollUp { column, row }))
                }
                MouseEventKind::Down(MouseButton::Left) => {
                    Some(Action::Mouse(MouseAction::Click { column, row }))
                }
                _ => None,
            }
        }
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Read terminal events on a thread of their own until the loop stops listening. A read error
/// becomes [`Action::InputFailed`]: the loop restores the terminal and exits with it.
pub fn spawn_input(tx: Sender<Action>) -> std::io::Result<()> {
    thread::Builder::new()
        .name("duet-input".into())
        .spawn(move || {
            loop {
                match crossterm::event::read() {
                    Ok(ev) => {
                        if let Some(a) = translate(&ev)
                            && tx.send(a).is_err()
                        {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Action::InputFailed(format!(
                            "reading the terminal failed: {e}"
                        )));
                        break;
                    }
                }
            }
        })?;
    Ok(())
}

/// SIGTERM, SIGHUP and SIGINT end the loop normally, so the terminal is restored.
#[cfg(unix)]
pub fn spawn_signals(tx: Sender<Action>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::Builder::new()
        .name("duet-signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Action::Quit);
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn spawn_signals(_tx: Sender<Action>) -> std::io::Result<()> {
    Ok(())
}
