const { src, dest, series } = require('gulp');
const { writeFileSync } = require('node:fs');
const path = require('node:path');

/** Copies node and credential icons and codex files next to the compiled JavaScript. */
function buildIcons() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.' }).pipe(
		dest('dist'),
	);
}

/** The Sora node's codex file, from its description (the aliases follow the model registry). */
function buildCodex(done) {
	const { Sora } = require('./dist/nodes/Sora/Sora.node.js');
	const codex = {
		node: 'n8n-nodes-sora.sora',
		nodeVersion: '1.0',
		codexVersion: '1.0',
		...new Sora().description.codex,
	};
	const file = path.join(__dirname, 'dist', 'nodes', 'Sora', 'Sora.node.json');
	writeFileSync(file, `${JSON.stringify(codex, null, '\t')}\n`);
	done();
}

exports['build:icons'] = series(buildIcons, buildCodex);
