// The item errors are shared with the trigger: nodes/shared/itemErrors.ts.
export { asNodeError, errorItem, forEachItem, type NodeError } from '../../shared/itemErrors';
