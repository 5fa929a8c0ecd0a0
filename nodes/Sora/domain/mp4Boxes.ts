/**
 * An MP4 file is a sequence of top-level boxes, each starting with its size and a four-letter
 * type (ISO/IEC 14496-12 §4.2). A download cut short ends inside a box, so without a
 * Content-Length the structure is what tells a complete file: the boxes add up to the file's
 * size exactly (or the last one says "to the end of the file") and a `moov` box (the index a
 * player needs) is present. Fed chunk by chunk as the file streams; it keeps only one header.
 */
export type Mp4Verdict =
	| { kind: 'complete'; boxes: string[] }
	| { kind: 'truncated'; reason: string }
	/** The file does not start like an MP4 (no `ftyp` box): nothing can be said. */
	| { kind: 'notMp4' };

const PRINTABLE_TYPE = /^[\x20-\x7e]{4}$/;

export class Mp4BoxWalker {
	private seen = 0;

	private nextBoxAt = 0;

	private pending: Buffer = Buffer.alloc(0);

	private toEndOfFile = false;

	private broken?: string;

	readonly boxes: string[] = [];

	push(chunk: Buffer): void {
		const chunkStart = this.seen;
		this.seen += chunk.length;
		let cursor = 0;
		while (!this.toEndOfFile && !this.broken) {
			if (!this.pending.length) {
				if (this.nextBoxAt >= this.seen) return;
				cursor = this.nextBoxAt - chunkStart;
			}
			const taken = chunk.subarray(cursor, cursor + this.headerLength() - this.pending.length);
			cursor += taken.length;
			this.pending = Buffer.concat([this.pending, taken]);
			if (this.pending.length < this.headerLength()) {
				if (cursor >= chunk.length) return;
				continue; // the 32-bit size was 1: a 64-bit size follows the type
			}
			this.readHeader();
		}
	}

	finish(): Mp4Verdict {
		if (this.boxes[0] !== undefined && this.boxes[0] !== 'ftyp') return { kind: 'notMp4' };
		if (!this.boxes.length && !this.pending.length) return { kind: 'truncated', reason: 'the file is empty' };
		if (this.broken) return this.boxes.length ? { kind: 'truncated', reason: this.broken } : { kind: 'notMp4' };
		if (this.pending.length) return { kind: 'truncated', reason: `the file ends inside a box header at byte ${this.seen}` };
		if (!this.toEndOfFile && this.nextBoxAt !== this.seen) {
			const last = this.boxes[this.boxes.length - 1];
			return { kind: 'truncated', reason: `its last box (${last}) ends at byte ${this.nextBoxAt}, but the file has ${this.seen} bytes` };
		}
		if (!this.boxes.includes('moov')) return { kind: 'truncated', reason: 'it has no moov box' };
		return { kind: 'complete', boxes: [...this.boxes] };
	}

	/** 8 bytes, or 16 when the 32-bit size is 1 (a 64-bit size follows the type). */
	private headerLength(): number {
		return this.pending.length >= 4 && this.pending.readUInt32BE(0) === 1 ? 16 : 8;
	}

	private readHeader(): void {
		const size32 = this.pending.readUInt32BE(0);
		const type = this.pending.toString('latin1', 4, 8);
		const headerLength = size32 === 1 ? 16 : 8;
		const size = size32 === 1 ? Number(this.pending.readBigUInt64BE(8)) : size32;
		this.pending = Buffer.alloc(0);
		if (!PRINTABLE_TYPE.test(type)) {
			this.broken = `byte ${this.nextBoxAt} does not start a box`;
			return;
		}
		this.boxes.push(type);
		if (size32 === 0) {
			this.toEndOfFile = true;
			return;
		}
		if (size < headerLength) {
			this.broken = `box ${type} at byte ${this.nextBoxAt} has an impossible size ${size}`;
			return;
		}
		this.nextBoxAt += size;
	}
}
