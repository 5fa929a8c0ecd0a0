import { runNode, readBinary } from '../harness/runNode';
import { startReferenceServer, type ReferenceServer } from '../server';

let server: ReferenceServer;
beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 300 });
});
afterAll(async () => await server.close());

test('create with wait downloads the MP4', async () => {
	const { items, error } = await runNode({
		parameters: { resource: 'video', operation: 'create', prompt: 'a cat', model: { mode: 'id', value: 'sora-2' }, seconds: '4', size: '720x1280' },
		credentials: { apiKey: 'sk-test', baseUrl: server.url },
	});
	if (error) console.log(error.message, error.description);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(1);
	expect(items[0].json.status).toBe('completed');
	const bytes = await readBinary(items[0].binary!.data);
	expect(bytes.equals(server.fixture('video'))).toBe(true);
	console.log(server.contractViolations, items[0].json, items[0].binary);
});
