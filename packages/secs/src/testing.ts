// @bondline/secs/testing: test doubles for code built on the stack, kept out of the root API.
export { FakeClock } from './hsms/fake-clock.js';
export { memoryTransportPair } from './hsms/memory-transport.js';
