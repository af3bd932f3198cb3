import { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, visit } from 'graphql';
import { badInput } from '../common/errors';
import { unsafeJsonText, unsafeTextReason } from '../common/text';

/**
 * Text the database cannot store (a NUL byte, a lone surrogate) is refused as BAD_USER_INPUT before any
 * resolver runs, whether it comes in the document's literals or in the variables, however deep. Mutations
 * are left to the import pipeline they all go through: it checks the same and names file, row and field.
 */
type Finding = { path: string; reason: string } | null;

/** What a parsed document's literals hold, found once: Apollo keeps the document of a query it has seen. */
const literalFindings = new WeakMap<DocumentNode, Finding>();

function unsafeLiteral(document: DocumentNode): Finding {
  if (literalFindings.has(document)) return literalFindings.get(document)!;
  let found: Finding = null;
  visit(document, {
    StringValue(node) {
      const reason = found ? null : unsafeTextReason(node.value);
      if (reason) found = { path: `a string literal at line ${node.loc?.startToken.line ?? '?'}`, reason };
    },
  });
  literalFindings.set(document, found);
  return found;
}

export const inputSafetyPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request, operation }) {
        if (operation?.operation === 'mutation') return;
        const found = unsafeLiteral(document) ?? unsafeJsonText(request.variables ?? {}, 'variables').next().value ?? null;
        if (found) throw badInput(`Invalid input: ${found.path}: ${found.reason}.`, { http: { status: 400 } });
      },
    };
  },
};
