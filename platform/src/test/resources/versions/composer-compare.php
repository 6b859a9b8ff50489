<?php
// Asks composer/semver (Debian's php-composer-semver) about every pair of versions: VersionParser::normalize, then
// Comparator on the normalised forms. Branch names (dev-...) count as invalid, as Drydock refuses them.
// See AuthorityMatrix for the input and output formats.
require '/usr/share/php/Composer/Semver/autoload.php';

use Composer\Semver\Comparator;
use Composer\Semver\VersionParser;

$parser = new VersionParser();
$normalized = [];
$validity = '';
foreach (file($argv[1], FILE_IGNORE_NEW_LINES) as $line) {
    try {
        $n = $parser->normalize(hex2bin($line));
        $normalized[] = strpos($n, 'dev-') === 0 ? null : $n;
    } catch (UnexpectedValueException $e) {
        $normalized[] = null;
    }
    $validity .= end($normalized) === null ? '0' : '1';
}
echo $validity, "\n";
foreach ($normalized as $a) {
    $row = '';
    foreach ($normalized as $b) {
        if ($a === null || $b === null) {
            $row .= '?';
        } elseif (Comparator::lessThan($a, $b)) {
            $row .= '<';
        } elseif (Comparator::equalTo($a, $b)) {
            $row .= '=';
        } elseif (Comparator::greaterThan($a, $b)) {
            $row .= '>';
        } else {
            $row .= '!';
        }
    }
    echo $row, "\n";
}
