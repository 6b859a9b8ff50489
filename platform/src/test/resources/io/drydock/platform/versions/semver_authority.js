// Drydock's npm comparator test: node-semver (argv[2]: the unpacked package) orders every pair of the versions in
// argv[3] (one JSON string a line) with its default, strict parsing. Output: tool, validity flags, then one row of
// <, =, > (x: invalid) per version.
const fs = require('fs');
const path = require('path');
const semver = require(process.argv[2]);
const pkg = JSON.parse(fs.readFileSync(path.join(process.argv[2], 'package.json'), 'utf8'));
const texts = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const valid = texts.map((t) => semver.valid(t) !== null);
console.log('node-semver ' + pkg.version);
console.log(valid.map((v) => (v ? '1' : '0')).join(''));
for (let i = 0; i < texts.length; i++) {
  let row = '';
  for (let j = 0; j < texts.length; j++) {
    if (!valid[i] || !valid[j]) {
      row += 'x';
    } else {
      const c = semver.compare(texts[i], texts[j]);
      row += c < 0 ? '<' : c > 0 ? '>' : '=';
    }
  }
  console.log(row);
}
