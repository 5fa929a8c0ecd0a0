import { runMemoryCase } from './memoryCase';
runMemoryCase(Number(process.argv[2])).then((r) => { console.log(JSON.stringify(r, null, 1)); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
