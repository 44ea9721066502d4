import type { Rule } from 'eslint';

export declare const resultsMustBeUsed: Rule.RuleModule;
