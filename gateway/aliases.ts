import { GraphQLError, type ValidationRule, isInterfaceType, isObjectType } from 'graphql';

/**
 * Refuses an alias that is the name of another field of the same type, or starts with `__`. The query planner asks
 * departments for keys and @requires fields under their own names and builds entity representations from the
 * answers: such an alias would put another field's value into a representation, or answer it under the alias.
 */
export const fieldNameAliasRule: ValidationRule = (context) => ({
  Field(node) {
    const alias = node.alias?.value;
    const parent = context.getParentType();
    if (!alias || alias === node.name.value || !parent) return;
    const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
    const reason = alias.startsWith('__')
      ? 'an alias may not start with "__"'
      : fields[alias]
        ? `${parent.name} has a field of that name`
        : null;
    if (!reason) return;
    context.reportError(
      new GraphQLError(
        `the alias "${alias}" for ${parent.name}.${node.name.value} is refused: ${reason}; choose an alias that is not a field name of ${parent.name}`,
        {
          nodes: [node],
        },
      ),
    );
  },
});
