export {
  type GateOptions,
  type GateParticle,
  type GateResult,
  type InspectedDefect,
  predictGate,
} from './predict.js';
