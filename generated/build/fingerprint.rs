// A fingerprint of a docs tree, shared by the generator (which records it next to the
// checked-in output) and the `generated` build script (which compares it to decide
// whether the checked-in output is stale). std only: the build script has no dependencies.

/// FNV-1a over every `*.md` file's relative path and bytes, in path order.
pub fn fingerprint_dir(root: &std::path::Path) -> std::io::Result<String> {
    let mut files = Vec::new();
    collect(root, root, "md", &mut files)?;
    files.sort();
    let contents = files
        .iter()
        .map(|rel| std::fs::read(root.join(rel)))
        .collect::<std::io::Result<Vec<_>>>()?;
    Ok(fingerprint_files(
        files
            .iter()
            .map(String::as_str)
            .zip(contents.iter().map(Vec::as_slice)),
    ))
}

/// The same fingerprint over files already read, given in path order.
pub fn fingerprint_files<'a>(files: impl Iterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (rel, bytes) in files {
        feed(rel.as_bytes());
        feed(&[0]);
        feed(bytes);
        feed(&[0]);
    }
    format!("{hash:016x}")
}

/// Every file with extension `ext` under `dir`, as `/`-separated paths relative to `root`.
pub fn collect(
    root: &std::path::Path,
    dir: &std::path::Path,
    ext: &str,
    out: &mut Vec<String>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect(root, &path, ext, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}
