// The shape of a language's message texts: one writer per template, so a template missing in a language is a type error.
import type { MessageContent, MessageContext } from '../content.js';
import type { TemplateId, TemplateParams } from '../templates.js';

export type MailTexts = {
  readonly [T in TemplateId]: (params: TemplateParams<T>, context: MessageContext) => MessageContent;
};
