export async function monitorBench() {
	return {};
}
