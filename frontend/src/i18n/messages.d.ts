// One part of one language's messages (vite.config.ts, messagesPlugin).
declare module 'virtual:messages/*' {
  const messages: Record<string, unknown>;
  export default messages;
}
