//! `duet dict import FILE`: a dictionary into the library, all of it or nothing, with its
//! licence shown. A bad file (cut short, not UTF-8, of no known format, too large) is one line
//! on stderr, exit 2, and the library is left as it was.

use std::process::ExitCode;

use duet::words::dict;

use crate::{DictArgs, DictCommand};

pub fn run(args: &DictArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        DictCommand::Import { file } => {
            // Parsed whole before the library is touched.
            let parsed = dict::read(file)?;
            let lib = super::library::open_for_writing()?;
            let r = lib.import_dictionary(file, &parsed)?;
            println!(
                "{}: {} {} entries ({} senses){}",
                super::library::clean(&file.display().to_string()),
                if r.replaced {
                    "replaced with"
                } else {
                    "imported"
                },
                r.entries,
                r.senses,
                format_args!(", {}", r.format)
            );
            println!("licence: {}", r.licence);
            Ok(ExitCode::SUCCESS)
        }
    }
}
