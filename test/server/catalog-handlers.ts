import { ApiError, missingParameter } from './api-error';
import { invalidType } from './body-fields';
import { GATEWAY_MODELS, OPENAI_MODELS } from './gateway-models';
import { jsonAnswer, type HandlerContext, type RouteAnswer } from './handler-context';
import { newId, nowSeconds } from './ids';
import { looksLikeVideo } from './media-headers';

const MAX_CHARACTER_NAME = 80;

/** POST /videos/characters (multipart: `video` file + `name`). */
export function createCharacter(context: HandlerContext): RouteAnswer {
	const { body } = context;
	const name = body.fields.name;
	if (name === undefined || name === null) throw missingParameter('name');
	if (typeof name !== 'string') throw invalidType('name', 'a string', name);
	if (name.length < 1 || name.length > MAX_CHARACTER_NAME) {
		throw new ApiError(
			400,
			`Invalid 'name': expected 1 to ${MAX_CHARACTER_NAME} characters, got ${name.length}.`,
			'name',
			'invalid_value',
		);
	}
	const file = body.files.video;
	if (!file) throw missingParameter('video');
	if (!looksLikeVideo(file.data)) {
		throw new ApiError(
			400,
			"Invalid file format for 'video'. Supported format is 'video/mp4'.",
			'video',
			'unsupported_file',
		);
	}
	const character = { id: newId('char_'), name, created_at: nowSeconds() };
	context.characters.set(character.id, character);
	return jsonAnswer(character);
}

/** GET /videos/characters/{character_id} */
export function getCharacter(context: HandlerContext): RouteAnswer {
	const id = context.params.characterId ?? '';
	const character = context.characters.get(id);
	if (!character)
		throw new ApiError(404, `Character with id '${id}' not found.`, null, 'character_not_found');
	return jsonAnswer(character);
}

/** GET /models (not part of the contract; gateways use it to list their models). */
export function listModels(context: HandlerContext): RouteAnswer {
	return jsonAnswer({
		object: 'list',
		data: context.options.mode === 'gateway' ? GATEWAY_MODELS : OPENAI_MODELS,
	});
}
