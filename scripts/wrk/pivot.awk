# Pivots the table scripts/wrk.sh prints into one row per framework:
#   scripts/wrk.sh | tee wrk.md; awk -f scripts/wrk/pivot.awk wrk.md
BEGIN { FS = "|" }
/^\| [a-z]/ && $3 !~ /patterns/ {
	gsub(/ /, "", $2); gsub(/ /, "", $3); gsub(/ /, "", $4); gsub(/ /, "", $7); gsub(/ /, "", $8); gsub(/ /, "", $9)
	if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
	if (!($3 in seenN)) { seenN[$3] = 1; ns[++m] = $3 }
	cell[$2, $3, $4] = sprintf("%s (p99 %s / %s ms)", $7, $9, $8)
}
END {
	printf "| framework |"
	for (j = 1; j <= m; j++) printf " %s: actual | %s: preflight |", ns[j], ns[j]
	printf "\n|---|"
	for (j = 1; j <= m; j++) printf "---:|---:|"
	printf "\n"
	for (i = 1; i <= n; i++) {
		printf "| %s |", order[i]
		for (j = 1; j <= m; j++) printf " %s | %s |", cell[order[i], ns[j], "actual"], cell[order[i], ns[j], "preflight"]
		printf "\n"
	}
}
