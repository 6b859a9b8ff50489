# Asks Gem::Version about every pair of versions; see AuthorityMatrix for the input and output formats.
versions = File.readlines(ARGV[0], chomp: true).map { |line| [line].pack('H*').force_encoding('UTF-8') }
valid = versions.map { |v| Gem::Version.correct?(v) }
puts valid.map { |ok| ok ? '1' : '0' }.join
parsed = versions.each_with_index.map { |v, i| valid[i] ? Gem::Version.new(v) : nil }
parsed.each do |a|
  puts(parsed.map { |b| a && b ? '<=>'[(a <=> b) + 1] : '?' }.join)
end
