export * from './auth';
export * from './reference';
export * from './catalog';
export * from './stock';
export * from './jobs';
export * from './fba';
export * from './sale';
export * from './fulfilment';
