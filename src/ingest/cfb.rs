//! Just enough of the OLE compound file format ([MS-CFB]) to read one stream by name (the
//! Workbook stream of an .xls), with every chain walk bounded: hostile FAT chains loop, and
//! mini-stream chains point past the end (calamine's reader panics on that one).

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

struct Header {
    sector_size: usize,
    mini_sector_size: usize,
    mini_cutoff: u64,
    first_dir: u32,
    first_mini_fat: u32,
    fat: Vec<u32>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn sector(data: &[u8], size: usize, n: u32) -> Option<&[u8]> {
    let start = (n as usize).checked_add(1)?.checked_mul(size)?;
    data.get(start..start.checked_add(size)?)
}

fn header(data: &[u8]) -> Option<Header> {
    if !data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return None;
    }
    let shift = u16_at(data, 0x1E)?;
    let mini_shift = u16_at(data, 0x20)?;
    if !(7..=16).contains(&shift) || !(2..=shift).contains(&mini_shift) {
        return None;
    }
    let sector_size = 1usize << shift;
    let fat_sectors = u32_at(data, 0x2C)? as usize;
    let max_sectors = data.len() / sector_size + 1;
    // The FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
    let mut fat_list: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(data, 0x4C + 4 * i))
        .collect();
    let mut difat = u32_at(data, 0x44)?;
    let mut hops = 0;
    while difat < ENDOFCHAIN && hops < max_sectors {
        let s = sector(data, sector_size, difat)?;
        let per = sector_size / 4 - 1;
        fat_list.extend((0..per).filter_map(|i| u32_at(s, 4 * i)));
        difat = u32_at(s, sector_size - 4)?;
        hops += 1;
    }
    let mut fat = Vec::new();
    for &n in fat_list.iter().take(fat_sectors.min(max_sectors)) {
        if n >= ENDOFCHAIN {
            continue;
        }
        let s = sector(data, sector_size, n)?;
        fat.extend((0..sector_size / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    Some(Header {
        sector_size,
        mini_sector_size: 1usize << mini_shift,
        mini_cutoff: u32_at(data, 0x38)? as u64,
        first_dir: u32_at(data, 0x30)?,
        first_mini_fat: u32_at(data, 0x3C)?,
        fat,
    })
}

/// Follow a sector chain (at most as many sectors as the file has, so loops end).
fn chain(table: &[u32], start: u32, limit: usize) -> Vec<u32> {
    let mut out = Vec::new();
    let mut n = start;
    while n < ENDOFCHAIN && out.len() < limit {
        out.push(n);
        n = match table.get(n as usize) {
            Some(&next) => next,
            None => break,
        };
    }
    out
}

fn read_chain(data: &[u8], h: &Header, start: u32, size: u64) -> Vec<u8> {
    let limit = data.len() / h.sector_size + 1;
    let mut out = Vec::new();
    for n in chain(&h.fat, start, limit) {
        match sector(data, h.sector_size, n) {
            Some(s) => out.extend_from_slice(s),
            None => break,
        }
    }
    out.truncate(size.min(out.len() as u64) as usize);
    out
}

/// The contents of the stream called `name` (any of `names`, first found), if the file is a
/// compound file that has it.
pub fn stream(data: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    let h = header(data)?;
    let dir = read_chain(data, &h, h.first_dir, u64::MAX);
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first()?;
    for entry in &entries {
        let name_len = (u16_at(entry, 0x40)? as usize).min(64);
        let name: String = char::decode_utf16(
            (0..name_len.saturating_sub(2) / 2).filter_map(|i| u16_at(entry, 2 * i)),
        )
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect();
        if entry[0x42] != 2 || !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let start = u32_at(entry, 0x74)?;
        let size = u64_at(entry, 0x78)?.min(data.len() as u64);
        if size >= h.mini_cutoff {
            return Some(read_chain(data, &h, start, size));
        }
        // Small streams live in the mini stream (the root entry's data), chained by the mini FAT.
        let mini_stream = read_chain(
            data,
            &h,
            u32_at(root, 0x74)?,
            u64_at(root, 0x78)?.min(data.len() as u64),
        );
        let mini_fat_bytes = read_chain(data, &h, h.first_mini_fat, u64::MAX);
        let mini_fat: Vec<u32> = mini_fat_bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let mut out = Vec::new();
        for n in chain(&mini_fat, start, mini_stream.len() / h.mini_sector_size + 1) {
            let at = n as usize * h.mini_sector_size;
            match mini_stream.get(at..at + h.mini_sector_size) {
                Some(s) => out.extend_from_slice(s),
                None => break,
            }
        }
        out.truncate(size as usize);
        return Some(out);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_and_garbage_end() {
        // A FAT whose chain points at itself.
        assert_eq!(chain(&[0, 0, 0], 0, 10).len(), 10);
        assert_eq!(stream(b"not a compound file", &["Workbook"]), None);
        let mut junk = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        junk.resize(4096, 0xFF);
        assert_eq!(stream(&junk, &["Workbook"]), None);
    }
}
