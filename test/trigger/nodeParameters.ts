import { NodeHelpers } from 'n8n-workflow';
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodeTypeDescription,
	NodeParameterValueType,
} from 'n8n-workflow';

function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

function optionValues(property: INodeProperties): unknown[] {
	return (property.options ?? []).map((option) => ('value' in option ? option.value : undefined));
}

/** Problems with one value against the property that shows it (expressions are not judged). */
function valueProblems(
	property: INodeProperties,
	value: NodeParameterValueType,
	path: string,
): string[] {
	if (isExpression(value)) return [];
	// Options loaded from the service (a channel's categories, a sheet's tabs) are not known here.
	if (property.typeOptions?.loadOptionsMethod || property.typeOptions?.loadOptions) return [];
	const problem = (text: string) => [`${path}: ${text} (got ${JSON.stringify(value)})`];
	switch (property.type) {
		case 'options':
			// Choices loaded from the chosen model (Duration, Aspect Ratio, Resolution): a value, judged by the node before paying.
			if (property.typeOptions?.loadOptionsMethod)
				return ['string', 'number'].includes(typeof value)
					? []
					: problem('not a string or a number');
			return optionValues(property).includes(value)
				? []
				: problem(`not one of ${JSON.stringify(optionValues(property))}`);
		case 'multiOptions':
			return Array.isArray(value) && value.every((v) => optionValues(property).includes(v))
				? []
				: problem('not a subset of the options');
		case 'boolean':
			return typeof value === 'boolean' ? [] : problem('not a boolean');
		case 'number':
			return typeof value === 'number' ? [] : problem('not a number');
		case 'string':
		case 'json':
			return typeof value === 'string' ? [] : problem('not a string');
		case 'resourceLocator': {
			const locator = value as { __rl?: boolean; mode?: string; value?: unknown };
			const modes = (property.modes ?? []).map((mode) => mode.name);
			return locator && locator.__rl === true && modes.includes(String(locator.mode))
				? []
				: problem(`not a resource locator with a mode of ${JSON.stringify(modes)}`);
		}
		case 'collection': {
			if (!value || typeof value !== 'object' || Array.isArray(value))
				return problem('not an object');
			const children = (property.options ?? []) as INodeProperties[];
			return Object.entries(value as INodeParameters).flatMap(([name, child]) => {
				const childProperty = children.find((option) => option.name === name);
				return childProperty
					? valueProblems(childProperty, child as NodeParameterValueType, `${path}.${name}`)
					: [`${path}.${name}: unknown option`];
			});
		}
		default:
			return [];
	}
}

/**
 * What n8n's editor would object to in a node's parameters: unknown names, values set on
 * fields that are not shown, values outside their options or of the wrong type, and the
 * issues n8n-workflow itself reports (missing required values).
 */
export function parameterProblems(node: INode, description: INodeTypeDescription): string[] {
	const properties = description.properties;
	const problems: string[] = [];
	if (!([] as number[]).concat(description.version).includes(node.typeVersion))
		problems.push(`typeVersion ${node.typeVersion} is not a version of ${description.name}`);

	const shown =
		NodeHelpers.getNodeParameters(properties, node.parameters, true, false, node, description) ??
		{};
	for (const [name, value] of Object.entries(node.parameters)) {
		if (!properties.some((property) => property.name === name)) {
			problems.push(`${name}: not a parameter of ${description.name}`);
			continue;
		}
		if (!(name in shown)) {
			problems.push(`${name}: set, but not shown for these parameters`);
			continue;
		}
		const property = properties.find(
			(candidate) =>
				candidate.name === name &&
				NodeHelpers.displayParameter(shown, candidate, node, description),
		);
		if (property) problems.push(...valueProblems(property, value as NodeParameterValueType, name));
	}

	const issues = NodeHelpers.getNodeParametersIssues(
		properties,
		{ ...node, parameters: shown },
		description,
	);
	for (const [name, messages] of Object.entries(issues?.parameters ?? {}))
		problems.push(`${name}: ${messages.join('; ')}`);
	return problems;
}
