/** A logger for n8n's DI container that keeps every line, so tests can read what the node logged. */
export class CapturingLogger {
	readonly lines: Array<{ level: string; message: string; metadata?: unknown }> = [];

	private record(level: string, message: string, metadata?: unknown) {
		this.lines.push({ level, message, metadata });
		if (process.env.SORA_HARNESS_LOG) console.log(`[${level}] ${message}`);
	}

	error(message: string, metadata?: unknown) {
		this.record('error', message, metadata);
	}
	warn(message: string, metadata?: unknown) {
		this.record('warn', message, metadata);
	}
	info(message: string, metadata?: unknown) {
		this.record('info', message, metadata);
	}
	debug(message: string, metadata?: unknown) {
		this.record('debug', message, metadata);
	}

	scoped() {
		return this;
	}

	clear() {
		this.lines.length = 0;
	}
}
