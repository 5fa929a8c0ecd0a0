import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

export interface HarnessItem {
	json?: IDataObject;
	binary?: Record<string, { data: Buffer; fileName?: string; mimeType?: string }>;
}

const fixtures = new Map<string, HarnessItem[]>();
let nextKey = 0;

export function registerItems(items: HarnessItem[]): string {
	const key = `items-${nextKey++}`;
	fixtures.set(key, items);
	return key;
}

/** Starts a test workflow: outputs the given items, storing their files through n8n's binary data service. */
export class HarnessInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Input',
		name: 'harnessInput',
		group: ['input'],
		version: 1,
		description: 'Outputs items registered by a test',
		defaults: { name: 'Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = fixtures.get(this.getNodeParameter('key', 0) as string) ?? [{ json: {} }];
		const output: INodeExecutionData[] = [];
		for (const item of items) {
			const out: INodeExecutionData = { json: item.json ?? {} };
			for (const [property, file] of Object.entries(item.binary ?? {})) {
				out.binary ??= {};
				out.binary[property] = await this.helpers.prepareBinaryData(
					file.data,
					file.fileName,
					file.mimeType,
				);
			}
			output.push(out);
		}
		return [output];
	}
}
