export const exercises = [];
