// A host session for the simulated bonder (docs/tool.md §7):
//   npx bondline tool --port 5000
//   npx bondline host --connect 127.0.0.1:5000 --script examples/host/tool-lot.sml --wait 5000
// Establishes communications and goes ONLINE (REMOTE is the tool's default switch); defines report 1
// (PairId, PairYield, OverlayXM3s, OverlayYM3s, VoidCount) for PairResult (CEID 4030) and report 2
// (LotId, LotPairsDone, LotYield, LotPairsPerHour, LotBoundPairsPerHour, LotBottleneck) for LotEnded
// (CEID 4021); reports only those two events; selects BOND-STD and starts a lot of 3 pairs. The host
// prints one S6F11 per pair and one at the lot's end.
S1F13 W <L>.
S1F17 W.
S2F33 W <L <U4 1> <L <L <U4 1> <L <U4 3001> <U4 3007> <U4 3012> <U4 3013> <U4 3015>>> <L <U4 2> <L <U4 1008> <U4 3030> <U4 3031> <U4 3032> <U4 3033> <U4 3034>>>>>.
S2F35 W <L <U4 2> <L <L <U4 4030> <L <U4 1>>> <L <U4 4021> <L <U4 2>>>>>.
S2F37 W <L <BOOLEAN FALSE> <L>>.
S2F37 W <L <BOOLEAN TRUE> <L <U4 4030> <U4 4021>>>.
S2F41 W <L <A "PP-SELECT"> <L <L <A "PPID"> <A "BOND-STD">>>>.
S2F41 W <L <A "START"> <L <L <A "LOTID"> <A "LOT-42">> <L <A "PAIRS"> <U4 3>>>>.
