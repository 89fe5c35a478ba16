import { writeFixtures } from './fixtures';

export default async function globalSetup() {
  await writeFixtures();
}
