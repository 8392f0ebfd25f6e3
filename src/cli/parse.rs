use std::process::ExitCode;

use crate::ParseArgs;

pub fn run(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let mut articles = Vec::new();
    let mut failed = false;
    for path in &args.files {
        match duet::parse_file(path) {
            Ok(a) => articles.push(a),
            Err(e) => {
                eprintln!("duet: {e}");
                failed = true;
            }
        }
    }
    println!("{}", serde_json::to_string_pretty(&articles)?);
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
