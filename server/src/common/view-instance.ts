/**
 * A view object as an instance of its GraphQL object class. type-graphql hands a field resolver its parent
 * (`@Root()`) as an instance of the declared class: a plain object literal is copied into a new instance on every
 * field of every row (twice per field), thousands of copies per list page. Setting the prototype of the literal
 * costs a tenth of one copy (Object.assign onto Object.create leaves the object in slow dictionary mode).
 */
export function viewOf<T extends object>(type: abstract new () => T, fields: T): T {
  return Object.setPrototypeOf(fields, type.prototype) as T;
}
