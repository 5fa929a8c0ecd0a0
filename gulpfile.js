const { src, dest } = require('gulp');

/** Copies node and credential icons and codex files next to the compiled JavaScript. */
function buildIcons() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.' }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildIcons;
