// A neverthrow Result dropped as a statement (`await mailer.send(message);`, `parseEmail(text);`)
// is a refusal nobody reads. no-floating-promises already reports a ResultAsync left unawaited;
// this reports what is left once it is awaited, and a Result computed and thrown away outright.
// Only a statement is judged, so a Result returned, assigned, passed on or unwrapped with `yield*`
// is never reported; `void` marks one ignored on purpose.

const RESULT_CLASSES = new Set(['Ok', 'Err']);

/** @type {import('eslint').Rule.RuleModule} */
export const resultsMustBeUsed = {
  meta: {
    type: 'problem',
    docs: { description: 'A neverthrow Result may not be dropped as an expression statement' },
    messages: { dropped: 'This Result is dropped, so its error is never read: return it, unwrap it with yield*, handle it, or mark it `void`.' },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services.program.getTypeChecker();
    const isNeverthrowResult = (type) => {
      const parts = type.isUnion() ? type.types : [type];
      return parts.every((part) => {
        const symbol = part.getSymbol();
        return symbol !== undefined && RESULT_CLASSES.has(symbol.getName())
          && (symbol.getDeclarations() ?? []).some((declaration) => declaration.getSourceFile().fileName.includes('/neverthrow/'));
      });
    };
    return {
      ExpressionStatement(node) {
        if (node.directive !== undefined) return;
        const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node.expression));
        if (isNeverthrowResult(type)) context.report({ node, messageId: 'dropped' });
      },
    };
  },
};
