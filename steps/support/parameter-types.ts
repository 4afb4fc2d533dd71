import { defineParameterType } from '@cucumber/cucumber';

/** A site by distributed-system-id (`site 1`) or by name (`site london`). */
defineParameterType({
  name: 'site',
  regexp: /[0-9]+|[A-Za-z][A-Za-z0-9_-]*/,
  transformer: (text: string) => text,
});
