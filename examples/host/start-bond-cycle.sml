// A host session for the simulator's bond cycle (examples/scenarios/bond-cycle.txt):
//   npx bondline equipment --port 5000 --model examples/equipment.yaml --scenario examples/scenarios/bond-cycle.txt --exit-after-scenario
//   npx bondline host --connect 127.0.0.1:5000 --script examples/host/start-bond-cycle.sml --wait 60000
// Establishes communications, asks for ONLINE (REMOTE is the model's default switch), defines report 1
// (PairId, BondForce, OverlayX, OverlayY), links it to PairBonded (CEID 400) and enables every event,
// enables every alarm, then sends START: the scenario bonds 25 pairs and the host prints each S6F11.
S1F13 W <L>.
S1F17 W.
S2F33 W <L <U4 1> <L <L <U4 1> <L <U4 53> <U4 50> <U4 51> <U4 52>>>>>.
S2F35 W <L <U4 1> <L <L <U4 400> <L <U4 1>>>>>.
S2F37 W <L <BOOLEAN TRUE> <L>>.
S5F3 W <L <B 0x80> <U4>>.
S2F41 W <L <A "START"> <L>>.
